package dev.ws.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins that the pre-encoded ring holds valid, masked, distinct client frames and writes them across the wrap. */
class FrameRingTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 32, 125, 126, 1024, 65535, 65536})
    void framesUnmaskToTheirPayloadsAcrossTheWrap(int size) {
        FrameRing ring = new FrameRing(size, WsConnection.OP_BINARY, 42);
        EmbeddedChannel channel = new EmbeddedChannel();
        ring.write(channel, FrameRing.FRAMES - 3, 5);
        channel.flush();
        ByteBuf wire = Unpooled.buffer();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            wire.writeBytes((ByteBuf) out);
            ((ByteBuf) out).release();
        }
        Set<String> payloads = new HashSet<>();
        for (long seq = FrameRing.FRAMES - 3; seq < FrameRing.FRAMES + 2; seq++) {
            assertThat((int) wire.readUnsignedByte()).isEqualTo(0x80 | WsConnection.OP_BINARY);
            int b1 = wire.readUnsignedByte();
            assertThat(b1 & 0x80).as("mask bit").isEqualTo(0x80);
            long length = switch (b1 & 0x7F) {
                case 126 -> wire.readUnsignedShort();
                case 127 -> wire.readLong();
                default -> b1 & 0x7F;
            };
            assertThat(length).isEqualTo(size);
            int mask = wire.readInt();
            assertThat(mask).isNotZero();
            byte[] payload = new byte[size];
            for (int j = 0; j < size; j++) {
                payload[j] = (byte) (wire.readByte() ^ (mask >>> (24 - 8 * (j & 3))));
            }
            ByteBuf expected = ring.payload(seq);
            assertThat(Unpooled.wrappedBuffer(payload)).isEqualTo(expected);
            payloads.add(new String(payload, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(wire.isReadable()).isFalse();
        assertThat(payloads).hasSize(5);
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 100})
    void payloadsAreAsciiSoTextFramesAreValidUtf8(int size) {
        for (int i = 0; i < FrameRing.FRAMES; i++) {
            for (byte b : FrameRing.payload(i, size)) {
                assertThat(b).isBetween((byte) 0x20, (byte) 0x7E);
            }
        }
    }
}
