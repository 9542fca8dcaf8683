package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.OpCode;
import dev.ws.message.FrameWriter;
import dev.ws.message.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReaderWriterEcho}: messages copied from the reader to a writer as they arrive. */
class ReaderWriterEchoTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(ReaderWriterEcho::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void echoesTextAndBinaryToTheJdkClient() throws Exception {
        byte[] data = new byte[100_000];
        new Random(2).nextBytes(data);
        try (JdkClient client = JdkClient.connect(server.uri("/"))) {
            client.sendText("stream me");
            assertThat(client.nextText()).isEqualTo("stream me");
            client.sendBinary(data);
            assertThat(client.nextBinary()).isEqualTo(data);
            assertThat(client.closeWith(CloseCodes.NORMAL_CLOSURE)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void sendsALargeMessageBackInFragmentsOfTheWritersBuffer() throws Exception {
        byte[] data = new byte[10_000];
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            client.frames().writeMessage(OpCode.BINARY, data);
            RawClient.Received echo = client.receive();
            assertThat(echo.opcode()).isEqualTo(OpCode.OP_BINARY);
            assertThat(echo.payload()).isEqualTo(data);
            assertThat(echo.frames()).as("4 KiB fragments").isEqualTo(3);
        }
    }

    @Test
    void answersAPingBetweenFragmentsBeforeTheEchoOfTheirMessage() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            FrameWriter frames = client.frames();
            try (MessageWriter m = frames.newMessage(OpCode.TEXT, 3)) {
                m.write("abc".getBytes(StandardCharsets.UTF_8));
                m.flush();
                frames.ping(ByteBuffer.wrap(new byte[] {1}));
                m.write("def".getBytes(StandardCharsets.UTF_8));
            }
            RawClient.WireFrame pong = client.readFrame();
            assertThat(pong.opcode()).isEqualTo(OpCode.OP_PONG);
            assertThat(pong.payload()).containsExactly(1);
            RawClient.Received echo = client.receive();
            assertThat(echo.opcode()).isEqualTo(OpCode.OP_TEXT);
            assertThat(echo.text()).isEqualTo("abcdef");
        }
    }
}
