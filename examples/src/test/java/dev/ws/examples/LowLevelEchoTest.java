package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.message.MessageWriter;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LowLevelEcho}: frames echoed one by one with reused buffers, and the checks the README leaves out. */
class LowLevelEchoTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(LowLevelEcho::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void echoesMessagesOfGrowingSizesAndAnswersPingsAndTheClose() throws Exception {
        Random random = new Random(3);
        try (JdkClient client = JdkClient.connect(server.uri("/"))) {
            for (int size : new int[] {0, 125, 126, 5000, 65536, 200_000, 10}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                client.sendBinary(data);
                assertThat(client.nextBinary()).as("%d bytes", size).isEqualTo(data);
            }
            client.sendText("low");
            assertThat(client.nextText()).isEqualTo("low");
            client.sendPing(new byte[] {1, 2});
            assertThat(((JdkClient.Pong) client.next()).payload()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
            assertThat(client.closeWith(CloseCodes.GOING_AWAY)).isEqualTo(CloseCodes.GOING_AWAY);
        }
    }

    @Test
    void echoesAFragmentedMessageFrameByFrame() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            try (MessageWriter m = client.frames().newMessage(OpCode.TEXT, 2)) {
                m.write("hello".getBytes());
            }
            assertThat(client.readFrame()).satisfies(f -> {
                assertThat(f.opcode()).isEqualTo(OpCode.OP_TEXT);
                assertThat(f.fin()).isFalse();
                assertThat(new String(f.payload())).isEqualTo("he");
            });
            assertThat(client.readFrame().opcode()).isEqualTo(OpCode.OP_CONTINUATION);
            assertThat(client.readFrame()).satisfies(f -> {
                assertThat(f.fin()).isTrue();
                assertThat(new String(f.payload())).isEqualTo("o");
            });
        }
    }

    @Test
    void closesWith1002OnAnUnmaskedClientFrame() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            byte[] unmasked = new byte[FrameHeader.MAX_HEADER_SIZE + 2];
            int n = FrameEncoder.writeHeader(new FrameHeader().set(true, 0, OpCode.OP_TEXT, 2), unmasked, 0);
            unmasked[n] = 'h';
            unmasked[n + 1] = 'i';
            client.sendRaw(java.util.Arrays.copyOf(unmasked, n + 2));
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(client.serverClosedTcp()).isTrue();
        }
    }

    @Test
    void closesWith1009OnAFrameOverTheLimitBeforeReadingIt() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            byte[] header = new byte[FrameHeader.MAX_HEADER_SIZE];
            int n = FrameEncoder.writeHeader(new FrameHeader().set(true, 0, OpCode.OP_BINARY, 1L << 40).mask(7),
                    header, 0);
            client.sendRaw(java.util.Arrays.copyOf(header, n));
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }
}
