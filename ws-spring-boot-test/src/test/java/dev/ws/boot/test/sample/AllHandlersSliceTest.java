package dev.ws.boot.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.test.autoconfigure.WsTest;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** @WsTest without handlers runs all of them; its properties come after ws.server.port=0; the client follows ws.server.address. */
@WsTest(properties = {"ws.server.event-loops=1", "ws.server.address=127.0.0.1"})
class AllHandlersSliceTest {

    @Autowired
    WsTestClient client;

    @Autowired
    WebSocketServer server;

    @Test
    void routesEveryHandlerWithTheTestsProperties() {
        assertThat(server.routes()).extracting(r -> r.path().template())
                .containsExactlyInAnyOrder("/chat/{room}", "/echo");
        assertThat(server.settings().eventLoops()).isEqualTo(1);
        client.connect("/echo").sendText("ping").expectText("ping").close(1000, "").expectClose(1000);
    }
}
