package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The callback grammar of {@link ClientHandler} ({@code onOpen (onText|onBinary|onPong)* onError? onClose})
 * on the paths the other client tests leave out: a failing onOpen, onBinary or onPong closes with
 * 1011 after onError; an I/O error reaches onError before onClose 1006; a failing onClose does not
 * keep the session from ending; and the session's argument checks and state.
 */
class ClientSessionCallbacksTest {

    /** Records callbacks as strings; {@code failIn} names a callback that throws. */
    private static class Recorder implements ClientHandler {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        final CompletableFuture<ClientSession> opened = new CompletableFuture<>();
        final String failIn;

        Recorder(String failIn) {
            this.failIn = failIn;
        }

        private void maybeFail(String callback) {
            if (callback.equals(failIn)) {
                throw new IllegalStateException(callback + " bug");
            }
        }

        @Override
        public void onOpen(ClientSession s) {
            events.add("open");
            opened.complete(s);
            maybeFail("onOpen");
        }

        @Override
        public void onBinary(ClientSession s, ByteBuffer data) {
            events.add("binary " + data.remaining());
            maybeFail("onBinary");
        }

        @Override
        public void onPong(ClientSession s, ByteBuffer data) {
            events.add("pong " + StandardCharsets.UTF_8.decode(data));
            maybeFail("onPong");
        }

        @Override
        public void onError(ClientSession s, Throwable error) {
            events.add("error " + (error instanceof IOException ? "IOException" : error.getMessage()));
            maybeFail("onError");
        }

        @Override
        public void onClose(ClientSession s, CloseStatus status) {
            events.add("close " + status.code());
            maybeFail("onClose");
        }

        String next() throws InterruptedException {
            return events.poll(5, TimeUnit.SECONDS);
        }
    }

    /** Plays {@code frames} after the 101, answers the client's close, and returns its code and reason. */
    private static ScriptedServer closingWith1011After(byte[]... frames) throws IOException {
        return ScriptedServer.start(s -> {
            byte[][] all = new byte[frames.length + 1][];
            all[0] = s.response101();
            System.arraycopy(frames, 0, all, 1, frames.length);
            s.write(all);
            ScriptedServer.ClientFrame f;
            do {
                f = s.readFrame();
            } while (f != null && f.opcode() != OpCode.OP_CLOSE);
            s.write(ScriptedServer.close(f.closeCode(), ""));
            s.socket.close();
            return f.closeCode() + " " + new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8);
        });
    }

    @Test
    void failingOnOpenGoesToOnErrorThenClosesWith1011() throws Exception {
        try (ScriptedServer server = closingWith1011After()) {
            Recorder r = new Recorder("onOpen");
            Dialer.defaults().connect(server.uri("/c"), r);
            assertThat(r.next()).isEqualTo("open");
            assertThat(r.next()).isEqualTo("error onOpen bug");
            assertThat(r.next()).isEqualTo("close 1011");
            assertThat(server.await()).isEqualTo("1011 handler failed: java.lang.IllegalStateException: onOpen bug");
        }
    }

    @Test
    void failingOnBinaryAndFailingOnErrorStillCloseWith1011() throws Exception {
        try (ScriptedServer server = closingWith1011After(ScriptedServer.frame(OpCode.OP_BINARY, new byte[3]),
                ScriptedServer.frame(OpCode.OP_BINARY, new byte[4]))) {
            Recorder r = new Recorder("onBinary") {
                @Override
                public void onError(ClientSession s, Throwable error) {
                    events.add("error " + error.getMessage());
                    throw new IllegalStateException("onError bug");
                }
            };
            Dialer.defaults().connect(server.uri("/c"), r);
            assertThat(r.next()).isEqualTo("open");
            assertThat(r.next()).isEqualTo("binary 3");
            assertThat(r.next()).isEqualTo("error onBinary bug");
            assertThat(r.next()).as("nothing is delivered after the failure").isEqualTo("close 1011");
            assertThat((String) server.await()).startsWith("1011 ");
        }
    }

    @Test
    void failingOnPongClosesWith1011() throws Exception {
        try (ScriptedServer server = closingWith1011After(
                ScriptedServer.frame(OpCode.OP_PONG, "hb".getBytes(StandardCharsets.US_ASCII)))) {
            Recorder r = new Recorder("onPong");
            Dialer.defaults().connect(server.uri("/c"), r);
            assertThat(r.next()).isEqualTo("open");
            assertThat(r.next()).isEqualTo("pong hb");
            assertThat(r.next()).isEqualTo("error onPong bug");
            assertThat(r.next()).isEqualTo("close 1011");
        }
    }

    @Test
    void ioErrorReachesOnErrorBeforeOnClose1006() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            s.readFrame();
            s.socket.setSoLinger(true, 0);
            s.socket.close(); // reset
            return null;
        })) {
            Recorder r = new Recorder("none");
            ClientSession session = Dialer.defaults().connect(server.uri("/c"), r);
            assertThat(r.next()).isEqualTo("open");
            session.sendText("hello");
            assertThat(r.next()).isEqualTo("error IOException");
            assertThat(r.next()).isEqualTo("close 1006");
        }
    }

    @Test
    void failingOnCloseDoesNotKeepTheSessionFromEnding() throws Exception {
        try (ScriptedServer server = closingWith1011After(ScriptedServer.close(1000, ""))) {
            Recorder r = new Recorder("onClose");
            ClientSession session = Dialer.defaults().connect(server.uri("/c"), r);
            assertThat(r.next()).isEqualTo("open");
            assertThat(r.next()).isEqualTo("close 1000");
            assertThat(r.events.poll(200, TimeUnit.MILLISECONDS)).as("no onError for a failing onClose").isNull();
            assertThat(session.isOpen()).isFalse();
        }
    }

    @Test
    void argumentChecksAndStateOfAnOpenSession() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Protocol: chat", "X-Server: scripted"));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.write(ScriptedServer.close(close.closeCode(), ""));
            s.socket.close();
            return close.closeCode();
        })) {
            Recorder r = new Recorder("none");
            ClientSession s = Dialer.builder().subprotocols("chat").build().connect(server.uri("/c"), r);
            assertThat(s.subprotocol()).isEqualTo("chat");
            assertThat(s.extensions()).isEmpty();
            assertThat(s.header("X-SERVER")).isEqualTo("scripted");
            assertThat(s.headers()).containsKey("x-server");
            assertThat(s.remoteAddress().getPort()).isEqualTo(server.port());
            assertThat(s.uri()).isEqualTo(server.uri("/c"));
            assertThat(s.toString()).contains("ClientSession[", "0 bytes queued");
            assertThatThrownBy(() -> s.sendPing(ByteBuffer.allocate(126))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ping payload 126 exceeds 125");
            assertThatThrownBy(() -> s.close(1006, "")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("close status 1006 may not be sent");
            CompletableFuture<Void> first = s.close(4000, "a").toCompletableFuture();
            CompletableFuture<Void> second = s.close(4001, "b").toCompletableFuture();
            assertThatThrownBy(() -> s.sendText("late").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class).hasMessageContaining("is clos");
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
            assertThat(server.await()).as("one close frame, the first").isEqualTo(4000);
            assertThat(r.next()).isEqualTo("open");
            assertThat(r.next()).isEqualTo("close 4000");
            assertThatThrownBy(() -> s.sendText("later").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class).hasMessageContaining("is closed (");
        }
    }
}
