package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reference twin for {@link Masking} (RFC 6455 §5.3): both overloads, on heap arrays, heap buffers
 * (sliced, so with an array offset) and direct buffers in both byte orders, for every key phase,
 * offset and length 0–70, give exactly what a plain byte loop gives, touch nothing outside the range,
 * and leave the buffer's position, limit and order alone.
 */
class MaskingTest {

    private static final int MAX_LENGTH = 70;
    private static final int MAX_OFFSET = 17;
    private static final int[] KEYS = {0x37FA213D, 0, -1, 0x80000001, 0x01020304};

    /** Where the bytes live while being masked. */
    enum Target {
        ARRAY, HEAP_BUFFER, HEAP_SLICE, DIRECT_BIG_ENDIAN, DIRECT_LITTLE_ENDIAN;

        /** Masks {@code data[offset, offset+length)} in place through this target. */
        void mask(byte[] data, int offset, int length, int key, long position) {
            if (this == ARRAY) {
                Masking.apply(data, offset, length, key, position);
                return;
            }
            ByteBuffer buf = switch (this) {
                case HEAP_BUFFER -> ByteBuffer.wrap(data);
                case HEAP_SLICE -> ByteBuffer.wrap(data, 1, data.length - 1).slice(); // arrayOffset 1
                case DIRECT_BIG_ENDIAN -> ByteBuffer.allocateDirect(data.length).put(data).clear();
                default -> ByteBuffer.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN).put(data).clear();
            };
            int shift = this == HEAP_SLICE ? 1 : 0;
            ByteOrder order = buf.order();
            int from = offset - shift;
            int to = from + length;
            int limit = to; // the range may end at the limit: nothing past it is touched
            int pos = Math.min(from + 3, limit); // absolute indexes ignore the position
            buf.limit(limit).position(pos);
            Masking.apply(buf, from, to, key, position);
            assertThat(buf.position()).isEqualTo(pos);
            assertThat(buf.limit()).isEqualTo(limit);
            assertThat(buf.order()).isEqualTo(order);
            if (buf.isDirect()) {
                buf.clear().get(0, data);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void matchesAPlainByteLoopForEveryPhaseOffsetAndLength(Target target) {
        Random random = new Random(42);
        byte[] original = new byte[MAX_OFFSET + MAX_LENGTH + 8];
        for (int key : KEYS) {
            for (long position : new long[] {0, 1, 2, 3, (1L << 33) + 1, Long.MAX_VALUE}) {
                for (int offset = 1; offset <= MAX_OFFSET; offset++) {
                    for (int length = 0; length <= MAX_LENGTH; length++) {
                        random.nextBytes(original);
                        byte[] actual = original.clone();
                        target.mask(actual, offset, length, key, position);
                        byte[] expected = plainMask(original, offset, length, key, position);
                        if (!java.util.Arrays.equals(actual, expected)) {
                            assertThat(actual).as("key %08x position %d offset %d length %d", key, position, offset, length)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesAPlainByteLoopOnRandomLongRanges() {
        Seeds.run("masking long ranges", seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < Seeds.iterations(200); i++) {
                int length = random.nextInt(70_000);
                int offset = 1 + random.nextInt(20);
                long position = random.nextLong() & Long.MAX_VALUE;
                int key = random.nextInt();
                byte[] original = new byte[offset + length + 1 + random.nextInt(9)];
                random.nextBytes(original);
                byte[] expected = plainMask(original, offset, length, key, position);
                for (Target target : Target.values()) {
                    byte[] actual = original.clone();
                    target.mask(actual, offset, length, key, position);
                    assertThat(actual).as("%s key %08x position %d offset %d length %d", target, key, position, offset, length)
                            .isEqualTo(expected);
                }
            }
        });
    }

    @Test
    void resumesAtAnySplitWithThePositionSoFar() {
        Random random = new Random(7);
        byte[] original = new byte[200];
        random.nextBytes(original);
        byte[] whole = original.clone();
        Masking.apply(whole, 0, whole.length, 0xCAFEBABE, 0);
        for (int split = 0; split <= original.length; split++) {
            byte[] parts = original.clone();
            Masking.apply(parts, 0, split, 0xCAFEBABE, 0);
            Masking.apply(ByteBuffer.wrap(parts), split, parts.length, 0xCAFEBABE, split);
            assertThat(parts).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void isItsOwnInverse() {
        byte[] original = WireFrames.payload(1000, 3);
        byte[] data = original.clone();
        Masking.apply(data, 0, data.length, 0x12345678, 2);
        assertThat(data).isNotEqualTo(original);
        Masking.apply(data, 0, data.length, 0x12345678, 2);
        assertThat(data).isEqualTo(original);
    }

    @Test
    void keyBytesAreBigEndian() {
        assertThat(Masking.keyByte(0x11223344, 0)).isEqualTo((byte) 0x11);
        assertThat(Masking.keyByte(0x11223344, 3)).isEqualTo((byte) 0x44);
        byte[] zeros = new byte[5];
        Masking.apply(zeros, 0, 5, 0x11223344, 0);
        assertThat(zeros).containsExactly(0x11, 0x22, 0x33, 0x44, 0x11);
    }

    /** The reference: a copy of {@code data} with {@code [offset, offset+length)} XORed byte by byte. */
    private static byte[] plainMask(byte[] data, int offset, int length, int key, long position) {
        byte[] out = data.clone();
        for (int i = 0; i < length; i++) {
            int k = (int) ((position + i) & 3);
            out[offset + i] ^= (byte) (key >>> (24 - 8 * k));
        }
        return out;
    }
}
