package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Pins the state the decoder and encoder report between calls ({@code isIdle}, {@code reset},
 * {@code toString}, {@code isActive}) and the bounds the static header writers enforce.
 */
class FrameCodecStateTest {

    @Test
    void decoderReportsWhereItStands() throws WebSocketException {
        FrameDecoder d = new FrameDecoder(Side.CLIENT, 1000);
        d.allowedRsv(0xF);
        assertThat(d.allowedRsv()).isEqualTo(7);
        assertThat(d).hasToString("FrameDecoder[header, 0 bytes kept]");
        assertThat(d.isIdle()).isTrue();
        byte[] wire = WireFrames.frame(false, 0, OpCode.OP_TEXT, false, 0, new byte[10]);
        assertThat(d.decode(ByteBuffer.wrap(wire, 0, 1))).isEqualTo(FrameDecoder.NEED_MORE);
        assertThat(d.isIdle()).isFalse();
        assertThat(d).hasToString("FrameDecoder[header, 1 bytes kept]");
        ByteBuffer rest = ByteBuffer.wrap(wire, 1, 5);
        assertThat(d.decode(rest)).isEqualTo(FrameDecoder.HEADER);
        assertThat(d.fragmented()).isTrue();
        assertThat(d.payloadRemaining()).isEqualTo(10);
        assertThat(d.decode(rest)).isEqualTo(FrameDecoder.PAYLOAD);
        assertThat(d).hasToString("FrameDecoder[payload 4/10, fragmented]");
        assertThat(d.decode(rest)).isEqualTo(FrameDecoder.NEED_MORE);
        d.reset();
        assertThat(d.isIdle()).isTrue();
        assertThat(d.fragmented()).isFalse();
        assertThat(d.payloadRemaining()).isZero();
        ByteBuffer empty = ByteBuffer.wrap(WireFrames.frame(true, 0, OpCode.OP_PING, false, 0, new byte[0]));
        assertThat(d.decode(empty)).isEqualTo(FrameDecoder.HEADER);
        assertThat(d).hasToString("FrameDecoder[frame end]");
        assertThat(d.decode(empty)).isEqualTo(FrameDecoder.FRAME_END);
        assertThat(d.header().opCode()).isEqualTo(OpCode.PING);
    }

    @Test
    void encoderReportsWhereItStands() {
        FrameEncoder server = FrameEncoder.server();
        assertThat(server.isActive()).isFalse();
        assertThat(server).hasToString("FrameEncoder[SERVER, idle]");
        server.begin(OpCode.OP_BINARY, true, 0, ByteBuffer.allocate(300));
        ByteBuffer none = ByteBuffer.allocate(0);
        assertThat(server.encode(none)).isFalse();
        assertThat(server.encode(ByteBuffer.allocate(2))).isFalse(); // half the 4-byte header
        assertThat(server.toString()).startsWith("FrameEncoder[SERVER, FrameHeader[BINARY fin length=300]");
        assertThat(server.header().masked()).isFalse();

        FrameEncoder client = FrameEncoder.client();
        client.begin(OpCode.OP_TEXT, true, 0, ByteBuffer.allocate(3));
        assertThat(client.header().masked()).isTrue();
        ByteBuffer out = ByteBuffer.allocate(9);
        assertThat(client.encode(out)).isTrue();
        assertThat(out.position()).isEqualTo(9);
        assertThat(client.isActive()).isFalse();
    }

    @Test
    void staticHeaderWritersRefuseTooSmallTargets() {
        FrameHeader h = new FrameHeader().set(true, 0, OpCode.OP_BINARY, 70_000).mask(1);
        ByteBuffer small = ByteBuffer.allocate(20).position(7);
        assertThat(catchThrowable(() -> FrameEncoder.writeHeader(h, small))).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isEqualTo(7);
        assertThat(catchThrowable(() -> FrameEncoder.writeHeader(h, new byte[20], 7)))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class).hasMessageContaining("header needs 14 bytes, 13 available");
        assertThat(FrameEncoder.writeHeader(h, new byte[20], 6)).isEqualTo(14);
    }
}
