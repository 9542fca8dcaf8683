package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.HandshakeRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake calls of {@link ServerListener}: {@code onHandshakeStarted} once a route matched,
 * then {@code onOpen} or {@code onHandshakeRejected} on the same thread (what a listener that keeps
 * an observation in a thread-local relies on).
 */
class HandshakeListenerTest {

    private WebSocketServer server;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private final ServerListener recorder = new ServerListener() {
        @Override
        public void onHandshakeStarted(HandshakeRequest request) {
            events.add("started " + request.route() + " " + request.path() + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onOpen(WebSocketSession session) {
            events.add("open " + session.route() + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onHandshakeRejected(int status, String reason) {
            events.add("rejected " + status + " on " + Thread.currentThread().getName());
        }

        @Override
        public void onClose(WebSocketSession session, CloseStatus status) {
            events.add("closed " + status.code());
        }
    };

    private void start() throws IOException {
        server = WebSocketServer.builder().port(0).eventLoops(1).listener(recorder)
                .allowedOrigins(List.of("http://good.example"))
                .interceptor((request, attributes) -> {
                    events.add("interceptor " + request.route());
                    if (request.header("Authorization") == null) {
                        throw new HandshakeRejectedException(401, "token required");
                    }
                })
                .route("/chat/{room}", new WebSocketHandler() { }).build().start();
    }

    private String handshake(String path, String headers) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.out.write(RawClient.request(path, headers).getBytes(StandardCharsets.US_ASCII));
            return c.readHead();
        }
    }

    @Test
    void startsInterceptsAndOpensOnTheSameThread() throws Exception {
        start();
        String head = handshake("/chat/lobby", "Origin: http://good.example\r\nAuthorization: x\r\n");
        assertThat(head).startsWith("HTTP/1.1 101");
        FrameListenerTest.eventually(() -> events.size() >= 3);
        assertThat(events.subList(0, 3)).containsExactly(
                "started /chat/{room} /chat/lobby on ws-loop-0",
                "interceptor /chat/{room}",
                "open /chat/{room} on ws-loop-0");
    }

    @Test
    void startsThenRejectsWhenAnInterceptorRefuses() throws Exception {
        start();
        assertThat(handshake("/chat/lobby", "Origin: http://good.example\r\n")).startsWith("HTTP/1.1 401");
        FrameListenerTest.eventually(() -> events.size() >= 3);
        assertThat(events).containsExactly(
                "started /chat/{room} /chat/lobby on ws-loop-0",
                "interceptor /chat/{room}",
                "rejected 401 on ws-loop-0");
    }

    @Test
    void startsThenRejectsAForeignOriginBeforeTheInterceptors() throws Exception {
        start();
        assertThat(handshake("/chat/lobby", "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403");
        FrameListenerTest.eventually(() -> events.size() >= 2);
        assertThat(events).containsExactly(
                "started /chat/{room} /chat/lobby on ws-loop-0",
                "rejected 403 on ws-loop-0");
    }

    @Test
    void rejectsWithoutStartingWhenNoRouteMatches() throws Exception {
        start();
        assertThat(handshake("/nowhere", "")).startsWith("HTTP/1.1 404");
        FrameListenerTest.eventually(() -> !events.isEmpty());
        assertThat(events).containsExactly("rejected 404 on ws-loop-0");
    }
}
