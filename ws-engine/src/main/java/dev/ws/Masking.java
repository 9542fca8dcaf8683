package dev.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Payload masking (RFC 6455 §5.3): XOR with the 4-byte key, a {@code long} (8 bytes) at a time.
 *
 * <p>Masking is its own inverse, so the same methods unmask. They work in place and can resume
 * anywhere in a payload: {@code position} is the number of payload bytes already processed before
 * this chunk, which selects where in the key the chunk starts. Nothing is allocated.
 *
 * <p>The key is the big-endian {@code int} of {@link FrameHeader#maskKey()}: key byte 0, the first
 * on the wire, is its most significant byte.
 */
public final class Masking {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BUFFER_LONG_LE =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * Masks (or unmasks) {@code length} bytes of {@code data} from {@code offset}, in place.
     *
     * @param key      the mask key, big-endian
     * @param position payload bytes processed before {@code offset}; only {@code position & 3} matters
     */
    public static void apply(byte[] data, int offset, int length, int key, long position) {
        int phase = (int) (position & 3);
        int i = offset;
        int end = offset + length;
        if (length >= 8) {
            long word = littleEndianWord(key, phase);
            for (int last = end - 8; i <= last; i += 8) {
                LONG_LE.set(data, i, (long) LONG_LE.get(data, i) ^ word);
            }
        }
        for (; i < end; i++) {
            data[i] ^= keyByte(key, phase);
            phase = (phase + 1) & 3;
        }
    }

    /**
     * Masks (or unmasks) the bytes of {@code buf} in {@code [from, to)}, in place, with absolute
     * indexes: the buffer's position, limit and byte order are left as they are.
     */
    public static void apply(ByteBuffer buf, int from, int to, int key, long position) {
        if (buf.hasArray()) {
            apply(buf.array(), buf.arrayOffset() + from, to - from, key, position);
            return;
        }
        int phase = (int) (position & 3);
        int i = from;
        if (to - from >= 8) {
            // Little-endian words whatever the buffer's order: no byte swaps in the loop.
            long word = littleEndianWord(key, phase);
            for (int last = to - 8; i <= last; i += 8) {
                BUFFER_LONG_LE.set(buf, i, (long) BUFFER_LONG_LE.get(buf, i) ^ word);
            }
        }
        for (; i < to; i++) {
            buf.put(i, (byte) (buf.get(i) ^ keyByte(key, phase)));
            phase = (phase + 1) & 3;
        }
    }

    /** Key byte {@code index} (0–3, 0 first on the wire). */
    static byte keyByte(int key, int index) {
        return (byte) (key >>> (24 - 8 * index));
    }

    /** A 64-bit word whose bytes in memory order (little-endian) are key[phase], key[phase+1], … */
    private static long littleEndianWord(int key, int phase) {
        int rotated = Integer.rotateRight(Integer.reverseBytes(key), 8 * phase);
        return (rotated & 0xFFFF_FFFFL) | ((long) rotated << 32);
    }

}
