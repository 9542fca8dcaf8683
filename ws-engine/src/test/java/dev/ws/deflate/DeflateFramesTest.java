package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Frame-level helpers, like wsflate's CompressFrame/DecompressFrame. */
class DeflateFramesTest {

    @Test
    void compressesAndInflatesAWholeFrame() throws Exception {
        String text = new String(Corpora.json(4, 10_000), java.nio.charset.StandardCharsets.UTF_8);
        Frame compressed = DeflateFrames.compress(Frame.text(text));
        assertThat(compressed.rsv()).isEqualTo(FrameHeader.RSV1);
        assertThat(compressed.opCode()).isEqualTo(OpCode.TEXT);
        assertThat(compressed.length()).isLessThan(text.length() / 3);
        Frame back = DeflateFrames.decompress(compressed, 10_000);
        assertThat(back.rsv()).isZero();
        assertThat(back.payloadAsText()).isEqualTo(text);
        assertThat(compressed.payload().remaining()).as("input left untouched").isEqualTo(compressed.length());
    }

    @Test
    void leavesUncompressedFramesAlone() throws Exception {
        Frame plain = Frame.binary(new byte[] {1, 2, 3});
        assertThat(DeflateFrames.decompress(plain, 10)).isSameAs(plain);
    }

    @Test
    void refusesControlAndPartialFrames() {
        assertThatThrownBy(() -> DeflateFrames.compress(Frame.ping(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflateFrames.compress(new Frame(false, 0, OpCode.TEXT, ByteBuffer.allocate(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflateFrames.decompress(new Frame(true, FrameHeader.RSV1, OpCode.PING,
                ByteBuffer.allocate(1)), 10)).isInstanceOf(ProtocolErrorException.class);
        assertThatThrownBy(() -> DeflateFrames.decompress(new Frame(false, FrameHeader.RSV1, OpCode.TEXT,
                ByteBuffer.allocate(1)), 10)).isInstanceOf(ProtocolErrorException.class);
    }

    @Test
    void stopsAtTheLimit() {
        Frame compressed = DeflateFrames.compress(Frame.binary(new byte[100_000]));
        assertThatThrownBy(() -> DeflateFrames.decompress(compressed, 99_999)).isInstanceOf(MessageTooBigException.class);
    }
}
