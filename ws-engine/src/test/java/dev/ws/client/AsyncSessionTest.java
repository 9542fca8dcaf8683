package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handler API against a scripted server: ordering of replies and closes, violations, back-pressure. */
class AsyncSessionTest {

    /** Records callbacks as strings; echoes text. */
    static final class Recorder implements ClientHandler {

        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onText(ClientSession session, String text) {
            events.add("text " + text);
            session.sendText("re: " + text);
        }

        @Override
        public void onError(ClientSession session, Throwable error) {
            events.add("error " + error);
        }

        @Override
        public void onClose(ClientSession session, CloseStatus status) {
            events.add("close " + status.code());
        }

        String next() throws InterruptedException {
            return events.poll(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void echoesTheServersCloseAfterTheRepliesQueuedBeforeIt() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("one"), ScriptedServer.text("two"),
                    ScriptedServer.close(1000, ""));
            String a = s.readFrame().text();
            String b = s.readFrame().text();
            int close = s.readFrame().closeCode();
            s.socket.close();
            return a + "|" + b + "|" + close;
        })) {
            Recorder r = new Recorder();
            Dialer.defaults().connect(server.uri("/a"), r);
            assertThat(r.next()).isEqualTo("text one");
            assertThat(r.next()).isEqualTo("text two");
            assertThat(r.next()).isEqualTo("close 1000");
            assertThat(server.await()).isEqualTo("re: one|re: two|1000");
            assertThat(r.events.poll(100, TimeUnit.MILLISECONDS)).isNull(); // onClose once, no onError
        }
    }

    @Test
    void aViolationEndsInOnCloseWithItsCodeNotInOnError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("ok"),
                    ScriptedServer.frame(OpCode.OP_TEXT, new byte[] {(byte) 0xFF}));
            String echo = s.readFrame().text();
            int close = s.readFrame().closeCode();
            s.write(ScriptedServer.close(1000, ""));
            s.socket.close();
            return echo + "|" + close;
        })) {
            Recorder r = new Recorder();
            Dialer.defaults().connect(server.uri("/a"), r);
            assertThat(r.next()).isEqualTo("text ok");
            assertThat(r.next()).isEqualTo("close 1007");
            assertThat(server.await()).isEqualTo("re: ok|1007");
        }
    }

    @Test
    void refusesSendsBeyondTheQueueLimitAndClosesDespiteAStuckWriter() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            Thread.sleep(3000); // read nothing: the client's writer blocks on a full socket
            return null;
        })) {
            ClientSession session = Dialer.builder().maxQueuedBytes(1 << 20).closeTimeout(Duration.ofMillis(300))
                    .build().connect(server.uri("/slow"), new Recorder());
            CompletableFuture<Void> huge = session.sendBinary(ByteBuffer.allocate(32 << 20)).toCompletableFuture();
            assertThat(session.queuedBytes()).isGreaterThanOrEqualTo(32 << 20);
            assertThatThrownBy(() -> session.sendText("more").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("send queue full");
            session.close().toCompletableFuture().get(5, TimeUnit.SECONDS); // the close timeout frees the writer
            assertThat(session.isOpen()).isFalse();
            assertThatThrownBy(() -> huge.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void aCloseTimeoutEndsIn1006WithoutOnError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            s.readFrame();
            return s.readToEnd(); // never answers the close
        })) {
            Recorder r = new Recorder();
            ClientSession session = Dialer.builder().closeTimeout(Duration.ofMillis(200)).build()
                    .connect(server.uri("/mute"), r);
            session.close(1000, "bye").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(r.next()).isEqualTo("close 1006");
            assertThat(r.events.poll(100, TimeUnit.MILLISECONDS)).isNull();
            server.await();
        }
    }

    @Test
    void connectAsyncFailsWithTheHandshakeFailure() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write("HTTP/1.1 404 Not Found\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.defaults().connectAsync(server.uri("/none"), new Recorder())
                    .get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(HandshakeFailedException.class).hasMessageContaining("404");
            server.await();
        }
    }
}
