package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a session as the peer and the handler see it: what the server refuses to send, what
 * it ignores after its own close frame, and the status the handler's onClose gets when the peer
 * resets, hangs up mid-handshake, or breaks the protocol after the server's close.
 */
class SessionClosingTest {

    private WebSocketServer server;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    /** A handler that records its callbacks, runs {@code onOpen}, and completes {@link #closed}. */
    private WebSocketHandler recording(java.util.function.Consumer<WebSocketSession> onOpen) {
        return new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                events.add("open");
                onOpen.accept(s);
            }

            @Override
            public void onText(WebSocketSession s, String text) {
                events.add("text " + text);
            }

            @Override
            public void onPong(WebSocketSession s, ByteBuffer data) {
                events.add("pong " + StandardCharsets.UTF_8.decode(data));
            }

            @Override
            public void onClose(WebSocketSession s, CloseStatus status) {
                events.add("close " + status.code() + " " + s.toString().endsWith("[closed]"));
                closed.complete(status);
            }
        };
    }

    private void start(WebSocketServer.Builder b, WebSocketHandler handler) throws Exception {
        server = b.port(0).eventLoops(1).route("/s", handler).build().start();
    }

    @Test
    void pingAbove125BytesIsRefusedAndA125BytePingReachesThePeer() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        start(WebSocketServer.builder(), recording(s -> {
            s.sendPing(ByteBuffer.allocate(126)).whenComplete((v, e) -> refused.complete(e));
            s.sendPing(ByteBuffer.wrap("p".repeat(125).getBytes(StandardCharsets.US_ASCII)));
        }));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            Frame ping = c.read();
            assertThat(ping.opCode()).isEqualTo(OpCode.PING);
            assertThat(ping.payload().remaining()).isEqualTo(125);
            assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ping payload 126 exceeds 125");
            c.send(OpCode.PONG, "p".getBytes(StandardCharsets.US_ASCII));
            FrameListenerTest.eventually(() -> events.contains("pong p"));
        }
    }

    @Test
    void closeCodesThatMayNotBeSentAreRefusedAndTheSessionStaysOpen() throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        start(WebSocketServer.builder(), recording(opened::complete));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            WebSocketSession s = opened.get(5, TimeUnit.SECONDS);
            for (int code : new int[] {1005, 1006, 1015}) {
                assertThatThrownBy(() -> s.close(code, "no")).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("close code " + code + " may not be sent");
            }
            assertThat(s.isOpen()).isTrue();
            s.sendText("still open");
            assertThat(c.read().payloadAsText()).isEqualTo("still open");
        }
    }

    @Test
    void closingTwiceSendsOneCloseFrameAndBothStagesCompleteWhenTcpIsClosed() throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        start(WebSocketServer.builder(), recording(opened::complete));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            WebSocketSession s = opened.get(5, TimeUnit.SECONDS);
            CompletionStage<Void> first = s.close(4001, "first");
            CompletionStage<Void> second = s.close(4002, "second");
            assertThat(s.isOpen()).isFalse();
            assertThat(s.isWritable()).isFalse();
            assertThat(s.toString()).endsWith("[closing]");
            assertThat(c.readClose()).isEqualTo(new CloseStatus(4001, "first"));
            c.send(OpCode.CLOSE, new CloseStatus(4001, "first").toPayload());
            first.toCompletableFuture().get(5, TimeUnit.SECONDS);
            second.toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(c.closedByServer()).isTrue();
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(4001, "first"));
            assertThat(s.close().toCompletableFuture()).as("closing a closed session").isCompleted();
            assertThatThrownBy(() -> s.sendText("late").toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SendRejectedException.class)
                    .hasMessageContaining("session is closing or closed");
        }
    }

    @Test
    void messagesAndPingsArrivingAfterTheServersCloseAreNeitherDeliveredNorAnswered() throws Exception {
        start(WebSocketServer.builder(), recording(s -> s.close(4000, "bye")));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            assertThat(c.readClose()).isEqualTo(new CloseStatus(4000, "bye"));
            c.sendText("late");
            c.send(OpCode.BINARY, new byte[] {1, 2});
            c.send(OpCode.PING, "late ping".getBytes(StandardCharsets.US_ASCII));
            c.send(OpCode.CLOSE, new CloseStatus(4000, "bye").toPayload());
            assertThat(c.read()).as("no pong, no frame at all: the server closes TCP").isNull();
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(4000, "bye"));
        assertThat(events).containsExactly("open", "close 4000 true");
    }

    @Test
    void aCloseWithoutStatusIsAnsweredWithoutStatusAndSeenAs1005() throws Exception {
        start(WebSocketServer.builder(), recording(s -> { }));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            c.send(OpCode.CLOSE, new byte[0]);
            Frame reply = c.read();
            assertThat(reply.opCode()).isEqualTo(OpCode.CLOSE);
            assertThat(reply.payload().remaining()).as("RFC 6455 §5.5.1: no code to echo").isZero();
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseStatus.NO_STATUS);
    }

    @Test
    void protocolErrorAfterTheServersCloseDropsTcpAtOnceWithoutASecondCloseFrame() throws Exception {
        // a close timeout far beyond the socket timeout: only failing the connection closes TCP in time
        start(WebSocketServer.builder().closeTimeout(Duration.ofSeconds(60)), recording(s -> s.close(4000, "bye")));
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            c.socket.setSoTimeout(3000);
            assertThat(c.readClose()).isEqualTo(new CloseStatus(4000, "bye"));
            c.sendRaw(new byte[] {(byte) 0xF1, (byte) 0x80, 0, 0, 0, 0}); // RSV1-3 set, no extension: 1002
            assertThat(c.read()).as("no second close frame").isNull();
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).as("the server's status, not 1002").isEqualTo(new CloseStatus(4000, "bye"));
    }

    @Test
    void peerResetEndsTheSessionWith1006() throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        start(WebSocketServer.builder(), recording(opened::complete));
        RawClient c = RawClient.connect(server.port(), "/s");
        opened.get(5, TimeUnit.SECONDS);
        c.socket.setSoLinger(true, 0);
        c.close(); // RST
        assertThat(closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
        FrameListenerTest.eventually(() -> server.connectionCount() == 0);
    }

    @Test
    void peerHangingUpMidHandshakeNeverOpensAndFreesItsSlot() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(WebSocketServer.builder().listener(new ServerListener() {
            @Override
            public void onOpen(WebSocketSession session) {
                seen.add("open");
            }

            @Override
            public void onClose(WebSocketSession session, CloseStatus status) {
                seen.add("close");
            }
        }), recording(s -> { }));
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw("GET /s HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            FrameListenerTest.eventually(() -> server.connectionCount() == 1);
        }
        FrameListenerTest.eventually(() -> server.connectionCount() == 0);
        assertThat(seen).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void handlerWhoseOnErrorAlsoFailsStillClosesWith1011() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).route("/s", new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) {
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onError(WebSocketSession s, Throwable error) {
                events.add("error " + error.getMessage());
                throw new IllegalStateException("onError bug");
            }
        }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            c.sendText("boom");
            assertThat(c.readClose()).isEqualTo(new CloseStatus(1011, "internal error"));
        }
        assertThat(events).containsExactly("error handler bug");
    }

    @Test
    void failingFrameListenerClosesThatSessionWith1011AndTheServerKeepsServing() throws Exception {
        start(WebSocketServer.builder().frameListener(new FrameListener() {
            @Override
            public void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload) {
                if (StandardCharsets.UTF_8.decode(payload).toString().equals("poison")) {
                    throw new IllegalStateException("listener bug");
                }
            }

            @Override
            public void onSent(WebSocketSession session, OpCode type, ByteBuffer payload) {
            }
        }), ServerEchoTest.ECHO);
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            c.sendText("poison");
            assertThat(c.readClose()).isEqualTo(new CloseStatus(1011, "internal error"));
        }
        try (RawClient c = RawClient.connect(server.port(), "/s")) {
            c.sendText("fine");
            assertThat(c.read().payloadAsText()).isEqualTo("fine");
        }
    }
}
