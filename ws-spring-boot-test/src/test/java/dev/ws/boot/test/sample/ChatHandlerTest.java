package dev.ws.boot.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.test.autoconfigure.WsTest;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import dev.ws.boot.test.sample.ChatHandler.ChatEvent;
import dev.ws.boot.test.sample.ChatHandler.ChatMessage;
import dev.ws.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A handler tested in a few lines: the @WsTest slice runs only ChatHandler on a random port. */
@WsTest(ChatHandler.class)
class ChatHandlerTest {

    @Autowired
    WsTestClient client;

    @Test
    void sharesEachMessageWithTheRoom() {
        try (WsTestSession ann = client.connect("/chat/lobby"); WsTestSession bob = client.connect("/chat/lobby")) {
            ann.sendJson(new ChatMessage("ann", "hi"));
            ann.expectJson(new ChatEvent("lobby", "ann", "hi"));
            bob.expectJson(new ChatEvent("lobby", "ann", "hi"));
        }
    }

    @Test
    void closesWith4000WhenTheUserLeaves() {
        client.connect("/chat/lobby").sendJson(new ChatMessage("ann", "leave")).expectClose(4000, "left");
    }

    @Test
    void keepsTheInterceptorsOfTheApplication() {
        client.expectRejected("/chat/vault", 403);
    }

    @Test
    void runsOnlyTheNamedHandlerAndNoOtherComponents(@Autowired ApplicationContext context,
            @Autowired WebSocketServer server) {
        assertThat(server.routes()).extracting(r -> r.path().template()).containsExactly("/chat/{room}");
        assertThat(server.port()).isPositive().isNotEqualTo(8025);
        client.expectRejected("/echo", 404);
        assertThat(context.getBeanNamesForType(BillingService.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RoomGuard.class)).hasSize(1);
    }
}
