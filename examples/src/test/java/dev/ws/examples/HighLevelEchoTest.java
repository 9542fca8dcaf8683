package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.message.MessageWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HighLevelEcho}, the {@code blocking} mode, on a loopback port with real clients. */
class HighLevelEchoTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(HighLevelEcho::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void echoesTextAndBinaryToTheJdkClientAndAnswersItsClose() throws Exception {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        try (JdkClient client = JdkClient.connect(server.uri("/echo"))) {
            client.sendText("hello, \u00e9cho");
            assertThat(client.nextText()).isEqualTo("hello, \u00e9cho");
            client.sendBinary(big);
            assertThat(client.nextBinary()).isEqualTo(big);
            client.sendPing(new byte[] {7});
            assertThat(client.next()).isInstanceOf(JdkClient.Pong.class);
            assertThat(client.closeWith(CloseCodes.NORMAL_CLOSURE)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void servesConnectionsAtTheSameTime() throws Exception {
        try (JdkClient a = JdkClient.connect(server.uri("/echo")); JdkClient b = JdkClient.connect(server.uri("/echo"))) {
            a.sendText("a");
            b.sendText("b");
            assertThat(b.nextText()).isEqualTo("b");
            assertThat(a.nextText()).isEqualTo("a");
        }
    }

    @Test
    void refusesPathsOtherThanEchoWith404() throws Exception {
        assertThat(JdkClient.refusal(server.uri("/chat"))).isEqualTo(404);
    }

    @Test
    void acceptsMessagesOverTheDefaultMebibyteLimit() throws Exception {
        byte[] twoMiB = new byte[2 << 20];
        try (JdkClient client = JdkClient.connect(server.uri("/echo"))) {
            client.sendBinary(twoMiB);
            assertThat(client.nextBinary()).hasSize(twoMiB.length);
        }
    }

    @Test
    void closesWith1007OnInvalidUtf8AndDropsTheConnection() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/echo")) {
            assertThat(client.status).isEqualTo(101);
            try (MessageWriter m = client.frames().newMessage(OpCode.TEXT)) {
                m.write(new byte[] {'a', (byte) 0xC0, (byte) 0xAF});
            }
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(client.serverClosedTcp()).isTrue();
        }
    }

    @Test
    void echoesCompressedWhenTheClientNegotiatesDeflate() throws Exception {
        try (RawClient client = RawClient.connectOffering(server.port(), "/echo", PerMessageDeflate.withDefaults())) {
            assertThat(client.deflate).as("permessage-deflate accepted").isNotNull();
            byte[] text = "compress me, ".repeat(1000).getBytes(StandardCharsets.UTF_8);
            client.sendCompressed(OpCode.TEXT, text);
            RawClient.Received echo = client.receive();
            assertThat(echo.rsv()).isEqualTo(FrameHeader.RSV1);
            assertThat(echo.payload()).isEqualTo(text);
            client.sendText("plain");
            assertThat(client.receive().text()).as("an uncompressed message is echoed too").isEqualTo("plain");
        }
    }
}
