package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.InvalidPayloadException;
import dev.ws.OpCode;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timeouts and the ways a connection ends: nothing waits forever, every end has a status. */
class ClosingTest {

    private static final Dialer SHORT = Dialer.builder().connectTimeout(Duration.ofMillis(300))
            .closeTimeout(Duration.ofMillis(300)).build();

    @Test
    void connectTimeoutCoversAServerThatNeverAnswers() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer::readToEnd)) {
            assertThatThrownBy(() -> SHORT.connect(server.uri("/silent")))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("connect timeout of 300 ms");
            assertThat((byte[]) server.await()).isEmpty(); // the client closed TCP
        }
    }

    @Test
    void closeGivesUpWhenTheServerNeverAnswers() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            ScriptedServer.ClientFrame close = s.readFrame();
            s.readToEnd(); // no reply: wait until the client gives up and closes TCP
            return close;
        })) {
            ClientConnection c = SHORT.connect(server.uri("/mute"));
            c.close(1001, "leaving");
            assertThat(c.closeStatus()).isEqualTo(CloseStatus.ABNORMAL);
            ScriptedServer.ClientFrame close = (ScriptedServer.ClientFrame) server.await();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.text()).endsWith("leaving");
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReceive() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            s.readFrame();
            return s.readToEnd();
        })) {
            ClientConnection c = SHORT.connect(server.uri("/mute"));
            CompletableFuture<Received> received = CompletableFuture.supplyAsync(c::receive,
                    r -> Thread.ofVirtual().start(r));
            Thread.sleep(50); // let it block in receive()
            c.close();
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(new Received.Close(CloseStatus.ABNORMAL));
            server.await();
        }
    }

    @Test
    void aDropWithoutCloseFrameEndsWith1006() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("last words"));
            s.socket.close();
            return null;
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/drop"));
            assertThat(c.receive()).isEqualTo(new Received.Text("last words"));
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.ABNORMAL));
            assertThat(c.failure()).isNull();
        }
    }

    @Test
    void abortClosesTheSocketAt1006() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            return s.readToEnd();
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/abort"));
            c.abort();
            assertThat(c.receive()).isEqualTo(new Received.Close(CloseStatus.ABNORMAL));
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    @Test
    void answersMessagesBeforeAViolationThenFailsWith1007Case3_2() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.text("fine"),
                    ScriptedServer.frame(OpCode.OP_TEXT, new byte[] {'a', (byte) 0xC0, (byte) 0xAF}));
            ScriptedServer.ClientFrame echo = s.readFrame();
            ScriptedServer.ClientFrame close = s.readFrame();
            s.write(ScriptedServer.close(1000, ""));
            s.socket.close();
            return new ScriptedServer.ClientFrame[] {echo, close};
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/utf8"));
            Received first = c.receive();
            assertThat(first).isEqualTo(new Received.Text("fine"));
            c.sendText("fine"); // messages before the violation can still be answered (Autobahn 3.2, 6.x)
            assertThat(((Received.Close) c.receive()).status().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(c.failure()).isInstanceOf(InvalidPayloadException.class);
            ScriptedServer.ClientFrame[] frames = (ScriptedServer.ClientFrame[]) server.await();
            assertThat(frames[0].text()).isEqualTo("fine");
            assertThat(frames[1].closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }

    @Test
    void refusesStatusesThatMayNotBeSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            return s.readToEnd();
        })) {
            ClientConnection c = SHORT.connect(server.uri("/x"));
            assertThatThrownBy(() -> c.close(CloseStatus.NO_STATUS)).isInstanceOf(IllegalArgumentException.class);
            c.abort();
            server.await();
        }
    }
}
