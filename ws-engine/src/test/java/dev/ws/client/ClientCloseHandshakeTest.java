package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The blocking client's side of the closing handshake against a scripted server: the reply to a
 * close without a body, what it does not answer once its own close is out, unsolicited pongs, a
 * reset, and the state it reports on the way (isOpen, closeStatus, failure, toString).
 */
class ClientCloseHandshakeTest {

    private static final Dialer DIALER = Dialer.builder().closeTimeout(Duration.ofSeconds(2)).build();

    @Test
    void closeWithoutABodyIsAnsweredWithoutABodyAndSeenAs1005() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.frame(OpCode.OP_CLOSE, new byte[0]));
            ScriptedServer.ClientFrame reply = s.readFrame();
            s.socket.close();
            return reply;
        })) {
            ClientConnection c = DIALER.connect(server.uri("/c"));
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.NO_STATUS));
            ScriptedServer.ClientFrame reply = (ScriptedServer.ClientFrame) server.await();
            assertThat(reply.opcode()).isEqualTo(OpCode.OP_CLOSE);
            assertThat(reply.payload()).as("RFC 6455 §5.5.1: no code to echo").isEmpty();
            assertThat(c.failure()).isNull();
        }
    }

    @Test
    void pingsArrivingAfterTheClientsCloseAreNotAnswered() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            ScriptedServer.ClientFrame close = s.readFrame();
            s.write(ScriptedServer.frame(OpCode.OP_PING, "late".getBytes(StandardCharsets.US_ASCII)),
                    ScriptedServer.close(close.closeCode(), ""));
            s.socket.shutdownOutput();
            return s.readToEnd();
        })) {
            ClientConnection c = DIALER.connect(server.uri("/c"));
            c.close(4000, "done");
            assertThat(c.closeStatus()).isEqualTo(CloseStatus.of(4000));
            assertThat((byte[]) server.await()).as("bytes after the client's close frame: no pong").isEmpty();
        }
    }

    @Test
    void unsolicitedPongReachesTheServerAndStateIsReportedThroughTheClose() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Protocol: chat", "X-Server: scripted"));
            ScriptedServer.ClientFrame pong = s.readFrame();
            s.write(ScriptedServer.close(4001, "bye"));
            s.readFrame();
            s.socket.close();
            return pong;
        })) {
            ClientConnection c = Dialer.builder().subprotocols("chat").build().connect(server.uri("/c"));
            assertThat(c.isOpen()).isTrue();
            assertThat(c.closeStatus()).as("while open").isNull();
            assertThat(c.header("x-server")).isEqualTo("scripted");
            assertThat(c.header("X-Absent")).isNull();
            assertThat(c.headers()).containsKeys("upgrade", "x-server");
            assertThat(c.localAddress().getPort()).isEqualTo(server.socket.getPort());
            assertThat(c.remoteAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(c.toString()).contains(server.uri("/c").toString(), "open", "chat");

            c.sendPong(ByteBuffer.wrap("beat".getBytes(StandardCharsets.US_ASCII)));
            assertThat(c.receive()).isEqualTo(new Received.Close(new CloseStatus(4001, "bye")));
            ScriptedServer.ClientFrame pong = (ScriptedServer.ClientFrame) server.await();
            assertThat(pong.opcode()).isEqualTo(OpCode.OP_PONG);
            assertThat(pong.text()).isEqualTo("beat");
            assertThat(c.isOpen()).isFalse();
            assertThat(c.toString()).contains("closed");
        }
    }

    @Test
    void closeAfterTheConnectionEndedReturnsAtOnceAndSendsNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            return s.readToEnd();
        })) {
            ClientConnection c = DIALER.connect(server.uri("/c"));
            c.abort();
            c.close(1000, "too late");
            assertThat(c.closeStatus()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    @Test
    void serverResetEndsWith1006AndTheIoErrorIsTheFailure() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            s.readFrame(); // the client's first message: now reset
            s.socket.setSoLinger(true, 0);
            s.socket.close();
            return null;
        })) {
            ClientConnection c = DIALER.connect(server.uri("/c"));
            c.sendText("hello");
            server.await();
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.ABNORMAL));
            assertThat(c.failure()).isInstanceOf(IOException.class);
            assertThat(c.toString()).contains("closed " + CloseStatus.ABNORMAL);
        }
    }

    @Test
    void messagesTheServerSentBeforeItsReplyStayAvailableAfterClose() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            s.readFrame();
            s.write(ScriptedServer.text("still coming"), ScriptedServer.close(1000, ""));
            s.socket.shutdownOutput();
            return s.readToEnd();
        })) {
            ClientConnection c = DIALER.connect(server.uri("/c"));
            c.close();
            assertThat(c.isOpen()).isFalse();
            assertThat(c.receive()).isEqualTo(new Received.Text("still coming"));
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.NORMAL));
            assertThat(c.receive()).as("the end is repeated").isEqualTo(new Received.Close(CloseStatus.NORMAL));
            server.await();
        }
    }
}
