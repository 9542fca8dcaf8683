package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Echo over real sockets, with the JDK's WebSocket client as an independent peer, in both dispatch modes. */
class ServerEchoTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private void start(DispatchMode mode, WebSocketHandler handler) throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(2).dispatchMode(mode)
                .route("/echo", handler).route("/chat/{room}", handler).build().start();
    }

    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession s, String text) {
            s.sendText(text);
        }

        @Override
        public void onBinary(WebSocketSession s, ByteBuffer data) {
            s.sendBinary(data);
        }
    };

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void echoesTextAndBinaryToTheJdkClient(DispatchMode mode) throws Exception {
        start(mode, ECHO);
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new WebSocket.Listener() {
                    StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text = new StringBuilder();
                        }
                        w.request(1);
                        return null;
                    }

                    java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        binary.writeBytes(b);
                        if (last) {
                            received.add(binary.toByteArray());
                            binary.reset();
                        }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("héllo wörld", true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("héllo wörld");
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ws.sendBinary(ByteBuffer.wrap(big), true).get(5, TimeUnit.SECONDS);
        assertThat((byte[]) received.poll(5, TimeUnit.SECONDS)).isEqualTo(big);
        ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void callsHandlerInOrderWithPathParamsAndClosesWithPeerStatus(DispatchMode mode) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        start(mode, new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                events.add("open " + s.pathParams().get("room") + " " + s.route());
            }

            @Override
            public void onText(WebSocketSession s, String text) {
                events.add("text " + text);
            }

            @Override
            public void onClose(WebSocketSession s, CloseStatus status) {
                events.add("close");
                closed.complete(status);
            }
        });
        try (RawClient c = RawClient.connect(server.port(), "/chat/lobby%20one")) {
            for (int i = 0; i < 100; i++) {
                c.sendText("m" + i);
            }
            c.send(OpCode.CLOSE, new CloseStatus(4001, "done").toPayload());
            assertThat(c.readClose()).isEqualTo(new CloseStatus(4001, "done"));
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(4001, "done"));
        assertThat(events).hasSize(102);
        assertThat(events.get(0)).isEqualTo("open lobby one /chat/{room}");
        for (int i = 0; i < 100; i++) {
            assertThat(events.get(i + 1)).isEqualTo("text m" + i);
        }
        assertThat(events.get(101)).isEqualTo("close");
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void handlerFailureClosesWith1011AndReachesOnError(DispatchMode mode) throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        start(mode, new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onError(WebSocketSession s, Throwable e) {
                error.complete(e);
            }
        });
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.sendText("x");
            CloseStatus status = c.readClose();
            assertThat(status.code()).isEqualTo(1011);
            assertThat(status.reason()).doesNotContain("boom");
        }
        assertThat(error.get(5, TimeUnit.SECONDS)).hasMessage("boom");
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void answersPingsAndDeliversFramesSentWithTheRequest(DispatchMode mode) throws Exception {
        start(mode, ECHO);
        try (RawClient c = new RawClient(server.port())) {
            // request, a ping and a text frame in one write (case H.15)
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.write(RawClient.request("/echo", "").getBytes(StandardCharsets.US_ASCII));
            dev.ws.FrameIO.writeFrame(bytes, Frame.ping("p".getBytes()), dev.ws.Side.CLIENT, dev.ws.MaskGenerator.secure());
            dev.ws.FrameIO.writeFrame(bytes, Frame.text("early"), dev.ws.Side.CLIENT, dev.ws.MaskGenerator.secure());
            c.sendRaw(bytes.toByteArray());
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            Frame pong = c.read();
            assertThat(pong.opCode()).isEqualTo(OpCode.PONG);
            assertThat(pong.payloadAsText()).isEqualTo("p");
            Frame echo = c.read();
            assertThat(echo.payloadAsText()).isEqualTo("early");
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void protocolViolationClosesWith1002AndDropsTcp(DispatchMode mode) throws Exception {
        start(mode, ECHO);
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.sendRaw(new byte[] {(byte) 0x83, (byte) 0x80, 1, 2, 3, 4}); // reserved opcode 3
            assertThat(c.readClose().code()).isEqualTo(1002);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.send(OpCode.TEXT, new byte[] {(byte) 0xC0, (byte) 0xAF});
            assertThat(c.readClose().code()).isEqualTo(1007);
        }
    }
}
