package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.PerMessageDeflate;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StreamCompressionEcho}: inflating and deflating streams around a message copy. */
class StreamCompressionEchoTest {

    private static final PerMessageDeflate TAKEOVER = PerMessageDeflate.builder()
            .outboundContextTakeover(true).inboundContextTakeover(true).build();

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(StreamCompressionEcho::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void echoesMessagesCompressedWithContextTakeover() throws Exception {
        try (RawClient client = RawClient.connectOffering(server.port(), "/", TAKEOVER)) {
            assertThat(client.deflate.inboundResetsContext()).as("the server keeps its window").isFalse();
            for (int i = 0; i < 5; i++) {
                byte[] text = ("message " + i + " repeats; ").repeat(200).getBytes(StandardCharsets.UTF_8);
                client.sendCompressed(OpCode.TEXT, text);
                RawClient.Received echo = client.receive();
                assertThat(echo.opcode()).isEqualTo(OpCode.OP_TEXT);
                assertThat(echo.rsv()).isEqualTo(FrameHeader.RSV1);
                assertThat(echo.payload()).isEqualTo(text);
            }
            client.frames().writeMessage(OpCode.BINARY, new byte[] {4, 5, 6});
            assertThat(client.receive().payload()).as("uncompressed in, compressed out").containsExactly(4, 5, 6);
        }
    }

    @Test
    void streamsALargeMessageBackInFragments() throws Exception {
        byte[] random = new byte[200_000];
        new Random(4).nextBytes(random); // incompressible: the echo is about as large
        try (RawClient client = RawClient.connectOffering(server.port(), "/", PerMessageDeflate.withDefaults())) {
            client.sendCompressed(OpCode.BINARY, random);
            RawClient.Received echo = client.receive();
            assertThat(echo.payload()).isEqualTo(random);
            assertThat(echo.frames()).isGreaterThan(1);
        }
    }

    @Test
    void closesWith1007WhenInflatedTextIsNotUtf8() throws Exception {
        try (RawClient client = RawClient.connectOffering(server.port(), "/", PerMessageDeflate.withDefaults())) {
            client.sendCompressed(OpCode.TEXT, new byte[] {'o', 'k', (byte) 0xF8, 'x'});
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(client.serverClosedTcp()).isTrue();
        }
    }

    @Test
    void refusesAClientThatDoesNotOfferDeflate() throws Exception {
        assertThat(JdkClient.refusal(server.uri("/"))).isEqualTo(400);
    }
}
