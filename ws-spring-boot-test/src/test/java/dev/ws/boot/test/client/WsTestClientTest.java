package dev.ws.boot.test.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.HandshakeRejectedException;
import dev.ws.client.Received;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test client against a plain engine server (no Spring): sends, awaits, JSON, closes, refusals, failures. */
class WsTestClientTest {

    record Point(int x, int y) {
    }

    static WebSocketServer server;
    static WsTestClient client;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .interceptor((request, attributes) -> {
                    if (request.route().equals("/secure") && !"Bearer ok".equals(request.header("Authorization"))) {
                        throw new HandshakeRejectedException(401, "token required");
                    }
                })
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        switch (text) {
                            case "close" -> s.close(4001, "asked to");
                            case "silence" -> { }
                            default -> s.sendText(text);
                        }
                    }

                    @Override
                    public void onBinary(WebSocketSession s, ByteBuffer data) {
                        s.sendBinary(data);
                    }
                })
                .route("/secure", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        s.sendText("welcome " + s.subprotocol());
                    }
                }, List.of("v1", "v2"))
                .build().start();
        client = WsTestClient.create(server.port()).withTimeout(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void sendsAndAwaitsTextBinaryAndJson() {
        try (WsTestSession s = client.connect("/echo")) {
            assertThat(s.sendText("hello").awaitText()).isEqualTo("hello");
            s.sendBinary(new byte[] {1, 2, 3}).expectBinary(new byte[] {1, 2, 3});
            assertThat(s.sendJson(new Point(1, 2)).awaitJson(Point.class)).isEqualTo(new Point(1, 2));
            s.sendJson(new Point(3, 4)).expectJson(new Point(3, 4));
            assertThat(s.sendPing(new byte[] {9}).awaitPong()).containsExactly(9);
        }
    }

    @Test
    void awaitsTheFirstJsonMessageThatMatchesSkippingTheOthers() {
        try (WsTestSession s = client.connect("/echo")) {
            s.sendJson(new Point(1, 2)).sendJson(new Point(3, 4)).sendJson(new Point(5, 6));
            assertThat(s.awaitJson(Point.class, p -> p.x() == 3)).isEqualTo(new Point(3, 4));
            assertThat(s.awaitJson(Point.class)).isEqualTo(new Point(5, 6)); // after the match: still queued
            s.sendJson(new Point(7, 8));
            assertThat(s.awaitJson(Point.class, p -> true)).isEqualTo(new Point(7, 8));
        }
    }

    @Test
    void failsWhenNoJsonMessageMatchesSayingWhatItSkipped() {
        try (WsTestSession s = client.withTimeout(Duration.ofMillis(300)).connect("/echo")) {
            s.sendJson(new Point(1, 2)).sendJson(new Point(3, 4));
            assertThatThrownBy(() -> s.awaitJson(Point.class, p -> p.x() == 9)).isInstanceOf(AssertionError.class)
                    .hasMessage("no JSON message of Point that matches arrived on /echo within PT0.3S "
                            + "(skipped 2, the last: {\"x\":3,\"y\":4})");
            s.sendText("not json");
            assertThatThrownBy(() -> s.awaitJson(Point.class, p -> true)).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("the message on /echo is not JSON of ")
                    .hasMessageEndingWith("Point: not json");
            s.sendJson(new Point(1, 2)).sendText("close");
            assertThatThrownBy(() -> s.awaitJson(Point.class, p -> p.x() == 9)).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected a JSON message of Point that matches (after skipping 1) on /echo "
                            + "but the session closed with 4001");
        }
    }

    @Test
    void assertsTheCloseCodeTheServerSends() {
        WsTestSession s = client.connect("/echo");
        s.sendText("close").expectClose(4001, "asked to");
        assertThat(s.isOpen()).isFalse();
        assertThat(s.awaitMessage()).isEqualTo(new Received.Close(new CloseStatus(4001, "asked to")));
    }

    @Test
    void closingWaitsForTheServersReplyAndQueuesIt() {
        WsTestSession s = client.connect("/echo");
        s.sendText("a").expectText("a").close(1000, "done");
        assertThat(s.isOpen()).isFalse();
        s.expectClose(1000, "done");
    }

    @Test
    void failsWithAClearMessageWhenNothingArrives() {
        try (WsTestSession s = client.withTimeout(Duration.ofMillis(200)).connect("/echo")) {
            s.sendText("silence");
            assertThatThrownBy(s::awaitText).isInstanceOf(AssertionError.class)
                    .hasMessage("nothing arrived on /echo within PT0.2S");
            s.expectNoMessage(Duration.ofMillis(100));
        }
    }

    @Test
    void failsWithWhatCameInsteadOfTheExpected() {
        try (WsTestSession s = client.connect("/echo")) {
            s.sendText("one");
            assertThatThrownBy(s::awaitBinary).isInstanceOf(AssertionError.class)
                    .hasMessage("expected a binary message on /echo but got the text message \"one\"");
            s.sendText("two");
            assertThatThrownBy(() -> s.expectText("three")).isInstanceOf(AssertionError.class)
                    .hasMessage("expected the text message \"three\" on /echo but got \"two\"");
            s.sendText("close");
            assertThatThrownBy(s::awaitText).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but the session closed with 4001");
        }
    }

    @Test
    void reportsRefusedHandshakesWithTheirStatus() {
        assertThat(client.rejectionStatus("/secure")).isEqualTo(401);
        client.expectRejected("/nowhere", 404);
        assertThatThrownBy(() -> client.connect("/secure")).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("/secure was refused with HTTP 401");
        assertThatThrownBy(() -> client.expectRejected("/secure", 403)).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to be refused with HTTP 403, but it was refused with HTTP 401");
        assertThatThrownBy(() -> client.expectRejected("/echo", 401)).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to be refused, but it succeeded");
    }

    @Test
    void sendsHeadersAndOffersSubprotocols() {
        WsTestClient authorized = client.withHeader("Authorization", "Bearer ok").withSubprotocols("v2");
        try (WsTestSession s = authorized.connect("/secure")) {
            assertThat(s.subprotocol()).isEqualTo("v2");
            s.expectText("welcome v2");
        }
    }

    @Test
    void resolvesPathsAgainstTheBaseUri() {
        assertThat(client.uri("/chat/a?x=1").toString()).isEqualTo("ws://127.0.0.1:" + server.port() + "/chat/a?x=1");
        assertThatThrownBy(() -> client.uri("chat")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientForAServerThatHasNotStartedSaysSo() {
        WebSocketServer idle = WebSocketServer.builder().port(0).route("/x", new WebSocketHandler() { }).build();
        assertThatThrownBy(() -> WsTestClient.forServer(idle, "ws").connect("/x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    }
}
