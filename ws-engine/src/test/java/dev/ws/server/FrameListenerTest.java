package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameIO;
import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The frame listener (traffic logging hook) sees what each session receives and what its queue accepts. */
class FrameListenerTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** One reported frame: direction, type and payload as text (close bodies as "code reason"). */
    record Seen(String direction, OpCode type, String payload) {
    }

    static final class Recorder implements FrameListener {
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload) {
            seen.add(new Seen("in", type, render(type, payload)));
        }

        @Override
        public void onSent(WebSocketSession session, OpCode type, ByteBuffer payload) {
            seen.add(new Seen("out", type, render(type, payload)));
        }

        private static String render(OpCode type, ByteBuffer payload) {
            assert payload.isReadOnly() : "payload views are read-only";
            if (type == OpCode.CLOSE) {
                try {
                    CloseStatus s = CloseStatus.parse(payload.duplicate());
                    return s.code() + " " + s.reason();
                } catch (dev.ws.WebSocketException e) {
                    throw new AssertionError("reported an invalid close body", e);
                }
            }
            byte[] b = new byte[payload.remaining()];
            payload.get(b); // consuming the view must not disturb the engine
            return new String(b, StandardCharsets.UTF_8);
        }

        List<Seen> in() {
            return seen.stream().filter(s -> s.direction().equals("in")).toList();
        }

        List<Seen> out() {
            return seen.stream().filter(s -> s.direction().equals("out")).toList();
        }
    }

    private Recorder start(DispatchMode mode, WebSocketHandler handler) throws Exception {
        Recorder recorder = new Recorder();
        server = WebSocketServer.builder().port(0).eventLoops(1).dispatchMode(mode).frameListener(recorder)
                .route("/echo", handler).build().start();
        return recorder;
    }

    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession s, String text) {
            if (text.equals("close")) {
                s.close(4000, "asked");
                s.sendText("refused after close"); // refused: not reported
            } else {
                s.sendText(text);
            }
        }
    };

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void reportsMessagesControlFramesAndTheClosingHandshakeBothWays(DispatchMode mode) throws Exception {
        Recorder recorder = start(mode, ECHO);
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.sendText("hello");
            assertThat(text(c.read())).isEqualTo("hello");
            c.send(OpCode.PING, "p".getBytes(StandardCharsets.UTF_8));
            assertThat(c.read().opCode()).isEqualTo(OpCode.PONG);
            // a fragmented message is reported once, whole
            FrameIO.writeFrame(c.out, new Frame(false, 0, OpCode.TEXT, ByteBuffer.wrap("frag".getBytes())),
                    Side.CLIENT, MaskGenerator.secure());
            FrameIO.writeFrame(c.out, new Frame(true, 0, OpCode.CONTINUATION, ByteBuffer.wrap("ment".getBytes())),
                    Side.CLIENT, MaskGenerator.secure());
            assertThat(text(c.read())).isEqualTo("fragment");
            c.send(OpCode.CLOSE, new CloseStatus(1000, "bye").toPayload());
            assertThat(c.readClose()).isEqualTo(new CloseStatus(1000, "bye"));
        }
        eventually(() -> recorder.out().size() == 4);
        assertThat(recorder.in()).containsExactly(
                new Seen("in", OpCode.TEXT, "hello"),
                new Seen("in", OpCode.PING, "p"),
                new Seen("in", OpCode.TEXT, "fragment"),
                new Seen("in", OpCode.CLOSE, "1000 bye"));
        assertThat(recorder.out()).containsExactly(
                new Seen("out", OpCode.TEXT, "hello"),
                new Seen("out", OpCode.PONG, "p"),
                new Seen("out", OpCode.TEXT, "fragment"),
                new Seen("out", OpCode.CLOSE, "1000 bye"));
    }

    @Test
    void doesNotReportASendTheClosingSessionRefused() throws Exception {
        Recorder recorder = start(DispatchMode.VIRTUAL_THREADS, ECHO);
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.sendText("close");
            assertThat(c.readClose()).isEqualTo(new CloseStatus(4000, "asked"));
        }
        eventually(() -> !recorder.out().isEmpty());
        Thread.sleep(100); // the refused send happens right after the close on the handler thread
        assertThat(recorder.out()).containsExactly(new Seen("out", OpCode.CLOSE, "4000 asked"));
    }

    @Test
    void reportsBinaryAndBroadcastPayloadsUntouchedByTheListener() throws Exception {
        Recorder recorder = start(DispatchMode.EVENT_LOOP, new WebSocketHandler() {
            @Override
            public void onBinary(WebSocketSession s, ByteBuffer data) {
                s.sendBinary(data);
                s.send(PreparedMessage.text("all"));
            }
        });
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.send(OpCode.BINARY, new byte[] {'a', 'b', 'c'});
            Frame echo = c.read();
            assertThat(echo.opCode()).isEqualTo(OpCode.BINARY);
            assertThat(text(echo)).isEqualTo("abc"); // the listener consumed its view, not the engine's buffer
            assertThat(text(c.read())).isEqualTo("all");
        }
        assertThat(recorder.out()).containsExactly(new Seen("out", OpCode.BINARY, "abc"),
                new Seen("out", OpCode.TEXT, "all"));
        assertThat(recorder.in()).startsWith(new Seen("in", OpCode.BINARY, "abc"));
    }

    private static String text(Frame f) {
        return StandardCharsets.UTF_8.decode(f.payload().duplicate()).toString();
    }

    /** Waits up to 5 s for a condition the server's threads make true. */
    static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
