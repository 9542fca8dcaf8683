package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pins the reusable {@link FrameHeader} and {@link OpCode} (RFC 6455 §5.2): fields, sizes, opcode classes. */
class FrameHeaderTest {

    @Test
    void setClearsTheMaskAndKeepsOnlyTheWireBits() {
        FrameHeader h = new FrameHeader().set(true, 0xFF, 0x1F, 5).mask(0x12345678);
        assertThat(h.masked()).isTrue();
        h.set(false, 0xF, 0x12, 7);
        assertThat(h.rsv()).isEqualTo(7);
        assertThat(h.opcode()).isEqualTo(2);
        assertThat(h.masked()).isFalse();
        assertThat(h.maskKey()).isZero();
        assertThat(h.fin()).isFalse();
        assertThat(h.fin(true).rsv(0x9).length(300).fin()).isTrue();
        assertThat(h.rsv()).isEqualTo(1);
        assertThat(h.rsv1()).isFalse();
        assertThat(h.rsv(FrameHeader.RSV1).rsv1()).isTrue();
        assertThat(h.length()).isEqualTo(300);
        assertThat(h.mask(1).unmasked().masked()).isFalse();
        assertThat(h.maskKey()).isZero();
    }

    @Test
    void copyFromCopiesEveryField() {
        FrameHeader a = new FrameHeader().set(true, 5, OpCode.OP_PING, 99).mask(-2);
        FrameHeader b = new FrameHeader().copyFrom(a);
        assertThat(b).hasToString(a.toString());
        assertThat(b.maskKey()).isEqualTo(-2);
        assertThat(b.isControl()).isTrue();
        assertThat(b.opCode()).isEqualTo(OpCode.PING);
    }

    @Test
    void encodedSizeFollowsTheMinimalLengthForm() {
        assertThat(FrameHeader.encodedSize(0, false)).isEqualTo(2);
        assertThat(FrameHeader.encodedSize(125, false)).isEqualTo(2);
        assertThat(FrameHeader.encodedSize(126, false)).isEqualTo(4);
        assertThat(FrameHeader.encodedSize(65535, true)).isEqualTo(8);
        assertThat(FrameHeader.encodedSize(65536, false)).isEqualTo(10);
        assertThat(FrameHeader.encodedSize(Long.MAX_VALUE, true)).isEqualTo(FrameHeader.MAX_HEADER_SIZE);
    }

    @Test
    void printsItsState() {
        assertThat(new FrameHeader().set(true, 4, OpCode.OP_TEXT, 3).mask(0xAB))
                .hasToString("FrameHeader[TEXT fin rsv=4 mask=000000ab length=3]");
        assertThat(new FrameHeader().set(false, 0, 0x3, 0)).hasToString("FrameHeader[reserved 0x3 length=0]");
    }

    @Test
    void opcodesMapToTheirWireValues() {
        for (OpCode op : OpCode.values()) {
            assertThat(OpCode.of(op.code())).isSameAs(op);
            assertThat(OpCode.isReserved(op.code())).isFalse();
            assertThat(op.isControl()).isEqualTo(op.code() >= 8);
        }
        for (int code : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            assertThat(OpCode.of(code)).isNull();
            assertThat(OpCode.isReserved(code)).isTrue();
        }
        assertThat(OpCode.of(0x11)).isSameAs(OpCode.TEXT);
        assertThat(OpCode.OP_PONG).isEqualTo(OpCode.PONG.code());
        assertThat(OpCode.isControl(OpCode.OP_CLOSE)).isTrue();
        assertThat(OpCode.isControl(OpCode.OP_BINARY)).isFalse();
    }

    @Test
    void sidesMaskInOppositeDirections() {
        assertThat(Side.SERVER.expectsMaskedInput()).isTrue();
        assertThat(Side.SERVER.masksOutput()).isFalse();
        assertThat(Side.CLIENT.expectsMaskedInput()).isFalse();
        assertThat(Side.CLIENT.masksOutput()).isTrue();
    }
}
