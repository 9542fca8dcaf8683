package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.PerMessageDeflate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FrameCompression}: whole frames inflated and acknowledged compressed with {@code DeflateFrames}. */
class FrameCompressionTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(FrameCompression::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void acknowledgesCompressedAndPlainFramesCompressed() throws Exception {
        try (RawClient client = RawClient.connectOffering(server.port(), "/", PerMessageDeflate.withDefaults())) {
            assertThat(client.deflate).isNotNull();
            client.sendCompressed(OpCode.BINARY, new byte[50_000]);
            RawClient.Received ack = client.receive();
            assertThat(ack.rsv()).isEqualTo(FrameHeader.RSV1);
            assertThat(ack.text()).isEqualTo("ack 50000 bytes");
            client.sendText("plain");
            assertThat(client.receive().text()).isEqualTo("ack 5 bytes");
        }
    }

    @Test
    void acknowledgesUncompressedWhenTheClientDidNotNegotiate() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/"))) {
            client.sendText("x".repeat(300));
            assertThat(client.nextText()).isEqualTo("ack 300 bytes");
            assertThat(client.closeWith(CloseCodes.NORMAL_CLOSURE)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void closesWith1007OnDataThatIsNotDeflate() throws Exception {
        try (RawClient client = RawClient.connectOffering(server.port(), "/", PerMessageDeflate.withDefaults())) {
            byte[] garbage = "not deflate".getBytes(StandardCharsets.US_ASCII);
            garbage[0] = (byte) 0xFF;
            client.frames().writeMessage(OpCode.BINARY, FrameHeader.RSV1, garbage, 0, garbage.length);
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }

    @Test
    void closesWith1002OnRsv1WithoutNegotiation() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            client.frames().writeMessage(OpCode.TEXT, FrameHeader.RSV1, new byte[] {1}, 0, 1);
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }
}
