package dev.ws.sample.stats;

import dev.ws.handler.OnOpen;
import dev.ws.handler.WsHandler;

/**
 * The server-push stream at {@code /stats}: a subscriber gets a {@link ServerStats} snapshot at
 * once, then one a second from {@link StatsPublisher}, which broadcasts to all of them through the
 * session registry. It reads nothing from clients: a message closes the session with 1003.
 */
@WsHandler(StatsHandler.PATH)
public class StatsHandler {

    /** Where the stream is served. */
    public static final String PATH = "/stats";

    private final StatsPublisher publisher;

    StatsHandler(StatsPublisher publisher) {
        this.publisher = publisher;
    }

    @OnOpen
    ServerStats subscribe() {
        return publisher.now(); // counts this session: it is registered before @OnOpen
    }
}
