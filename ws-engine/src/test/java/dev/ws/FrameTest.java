package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pins {@link Frame}: control frame limits (RFC 6455 §5.5), factories and {@code compile}. */
class FrameTest {

    @Test
    void rejectsControlFramesOver125BytesOrFragmented() {
        assertThat(catchThrowable(() -> Frame.ping(new byte[126]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 126");
        assertThat(catchThrowable(() -> new Frame(false, 0, OpCode.CLOSE, ByteBuffer.allocate(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fin=false");
        assertThat(Frame.pong(new byte[125]).length()).isEqualTo(125);
        assertThat(new Frame(false, 0, OpCode.BINARY, ByteBuffer.allocate(70_000)).length()).isEqualTo(70_000);
    }

    @Test
    void factoriesBuildFinalFramesOfTheirOpcode() {
        assertThat(Frame.text("héllo").payloadAsText()).isEqualTo("héllo");
        assertThat(Frame.text("héllo").opCode()).isEqualTo(OpCode.TEXT);
        assertThat(Frame.binary(new byte[] {1, 2}).opCode()).isEqualTo(OpCode.BINARY);
        assertThat(Frame.ping(new byte[0]).fin()).isTrue();
        Frame close = Frame.close(new CloseStatus(1001, "bye"));
        assertThat(close.opCode()).isEqualTo(OpCode.CLOSE);
        assertThat(close.payload().array()).containsExactly(0x03, 0xE9, 'b', 'y', 'e');
    }

    @Test
    void compileWritesTheWireFormAndLeavesThePayload() {
        ByteBuffer payload = ByteBuffer.wrap("xxabcxx".getBytes(StandardCharsets.US_ASCII), 2, 3);
        Frame f = new Frame(true, FrameHeader.RSV1, OpCode.TEXT, payload);
        assertThat(f.compile(Side.SERVER, null))
                .isEqualTo(WireFrames.frame(true, 4, 1, false, 0, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(f.compile(Side.CLIENT, () -> 0x01020304))
                .isEqualTo(WireFrames.frame(true, 4, 1, true, 0x01020304, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(payload.position()).isEqualTo(2);
        assertThat(f.payloadAsText()).isEqualTo("abc");
    }
}
