package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frames that arrive in the same TCP write as the 101 response are decoded as the connection's
 * first frames, never lost and never handed to the caller to replay (gobwas/ws #19, #214).
 */
class EarlyDataTest {

    @Test
    void deliversFramesSentInTheSameWriteAsThe101() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("first"),
                    ScriptedServer.frame(OpCode.OP_BINARY, new byte[] {1, 2, 3}),
                    ScriptedServer.frame(OpCode.OP_PING, "are you there".getBytes(StandardCharsets.UTF_8)));
            ScriptedServer.ClientFrame pong = s.readFrame();
            ScriptedServer.ClientFrame echo = s.readFrame();
            s.write(ScriptedServer.close(1000, ""));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.socket.close();
            return new ScriptedServer.ClientFrame[] {pong, echo, close};
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/early"));
            assertThat(c.receive()).isEqualTo(new Received.Text("first"));
            Received binary = c.receive();
            assertThat(binary).isInstanceOfSatisfying(Received.Binary.class,
                    b -> assertThat(b.data()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            c.sendText("first");
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.NORMAL));
            ScriptedServer.ClientFrame[] frames = (ScriptedServer.ClientFrame[]) server.await();
            assertThat(frames[0].opcode()).isEqualTo(OpCode.OP_PONG);
            assertThat(frames[0].text()).isEqualTo("are you there");
            assertThat(frames[1].text()).isEqualTo("first");
            assertThat(frames[1].masked()).isTrue();
            assertThat(frames[2].opcode()).isEqualTo(OpCode.OP_CLOSE);
            assertThat(frames[2].closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void completesAFrameWhoseStartCameWithThe101() throws Exception {
        byte[] frame = ScriptedServer.text("x".repeat(300));
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), java.util.Arrays.copyOf(frame, 7));
            Thread.sleep(50);
            s.write(java.util.Arrays.copyOfRange(frame, 7, frame.length));
            return null;
        })) {
            try (ClientConnection c = Dialer.builder().closeTimeout(java.time.Duration.ofMillis(200)).build()
                    .connect(server.uri("/early"))) {
                assertThat(c.receive()).isEqualTo(new Received.Text("x".repeat(300)));
            }
            server.await();
        }
    }

    @Test
    void answersACloseThatCameWithThe101() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.close(4000, "go away"));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.socket.close();
            return close;
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/early"));
            assertThat(c.receive()).isEqualTo(new Received.Close(new CloseStatus(4000, "go away")));
            assertThat(((ScriptedServer.ClientFrame) server.await()).closeCode()).isEqualTo(4000);
            assertThat(c.closeStatus()).isEqualTo(new CloseStatus(4000, "go away"));
            assertThat(c.failure()).isNull();
        }
    }

    @Test
    void handsEarlyFramesToAHandler() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("hello handler"), ScriptedServer.close(1000, ""));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.socket.close();
            return close;
        })) {
            LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Dialer.defaults().connect(server.uri("/early"), new ClientHandler() {
                @Override
                public void onText(ClientSession session, String text) {
                    events.add(text);
                }

                @Override
                public void onClose(ClientSession session, CloseStatus status) {
                    events.add(status);
                }
            });
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("hello handler");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseStatus.NORMAL);
            assertThat(((ScriptedServer.ClientFrame) server.await()).closeCode()).isEqualTo(1000);
        }
    }
}
