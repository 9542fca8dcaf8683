package dev.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A resumable UTF-8 validator (RFC 3629, as RFC 6455 §8.1 requires for text): feed it the bytes of
 * a message in any number of chunks; it rejects as soon as a byte makes the input invalid (so a
 * peer's bad byte fails the connection the moment it arrives, Autobahn cases 6.4.x) and tells at
 * the end whether the last code point is complete.
 *
 * <p>Three tiers: eight ASCII bytes at a time; a branchy decoder for whole multi-byte sequences; and
 * a small state machine for sequences cut by a chunk boundary, whose state carries across calls.
 * Nothing is allocated. Not thread-safe; {@link #reset()} before reuse.
 */
public final class Utf8Validator {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    // States of the boundary machine: what the next byte must be.
    private static final int ACCEPT = 0;   // between code points
    private static final int TAIL1 = 1;    // one more 80..BF
    private static final int TAIL2 = 2;    // two more 80..BF
    private static final int TAIL3 = 3;    // three more 80..BF
    private static final int AFTER_E0 = 4; // A0..BF, then TAIL1 (no overlong 3-byte forms)
    private static final int AFTER_ED = 5; // 80..9F, then TAIL1 (no surrogates)
    private static final int AFTER_F0 = 6; // 90..BF, then TAIL2 (no overlong 4-byte forms)
    private static final int AFTER_F4 = 7; // 80..8F, then TAIL2 (nothing above U+10FFFF)
    private static final int REJECT = 8;

    private int state = ACCEPT;

    /** Forgets everything seen so far. */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether everything fed so far is valid and ends on a code point boundary. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Whether everything fed so far is valid (a trailing sequence may still be incomplete). */
    public boolean isValidSoFar() {
        return state != REJECT;
    }

    /**
     * Feeds {@code length} bytes from {@code offset}.
     *
     * @return false as soon as the input is invalid; once false, it stays false until {@link #reset()}
     */
    public boolean update(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        int s = state;
        while (s != ACCEPT && i < end) {
            s = step(s, data[i++]);
        }
        if (s == REJECT) {
            state = REJECT;
            return false;
        }
        if (i < end) {
            i = validateWhole(data, i, end);
            if (i < 0) {
                state = REJECT;
                return false;
            }
            while (i < end) { // a sequence cut by the end of this chunk
                s = step(s, data[i++]);
            }
        }
        state = s;
        return s != REJECT;
    }

    /**
     * Feeds the bytes in {@code [from, to)} of a buffer, with absolute indexes (the buffer's position
     * and limit are not changed).
     */
    public boolean update(ByteBuffer buf, int from, int to) {
        if (buf.hasArray()) {
            return update(buf.array(), buf.arrayOffset() + from, to - from);
        }
        int s = state;
        for (int i = from; i < to && s != REJECT; i++) {
            byte b = buf.get(i);
            if (s == ACCEPT && b >= 0) {
                continue;
            }
            s = step(s, b);
        }
        state = s;
        return s != REJECT;
    }

    /** Whether {@code length} bytes from {@code offset} are one complete, valid UTF-8 text. */
    public static boolean isValid(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = validateWhole(data, offset, end);
        if (i < 0) {
            return false;
        }
        int s = ACCEPT;
        while (i < end) {
            s = step(s, data[i++]);
        }
        return s == ACCEPT;
    }

    /**
     * Validates whole code points from {@code i}. Returns -1 when invalid, else the index of the first
     * byte of a sequence that the end of the range cuts (or {@code end}).
     */
    private static int validateWhole(byte[] a, int i, int end) {
        while (i < end) {
            // ASCII fast path: 16, then 8 bytes at a time.
            while (i + 16 <= end
                    && (((long) LONG_LE.get(a, i) | (long) LONG_LE.get(a, i + 8)) & HIGH_BITS) == 0) {
                i += 16;
            }
            if (i + 8 <= end && ((long) LONG_LE.get(a, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == end) { // the fast path may end exactly at the end: never read a[end]
                break;
            }
            int b0 = a[i];
            if (b0 >= 0) {
                i++;
                continue;
            }
            b0 &= 0xFF;
            if (b0 < 0xE0) { // 2 bytes: C2..DF 80..BF
                if (b0 < 0xC2) {
                    return -1;
                }
                if (i + 2 > end) {
                    return i;
                }
                if (a[i + 1] > (byte) 0xBF) {
                    return -1;
                }
                i += 2;
            } else if (b0 < 0xF0) { // 3 bytes
                if (i + 3 > end) {
                    return i;
                }
                int b1 = a[i + 1] & 0xFF;
                int lo = b0 == 0xE0 ? 0xA0 : 0x80;
                int hi = b0 == 0xED ? 0x9F : 0xBF;
                if (b1 < lo || b1 > hi || a[i + 2] > (byte) 0xBF) {
                    return -1;
                }
                i += 3;
            } else if (b0 <= 0xF4) { // 4 bytes
                if (i + 4 > end) {
                    return i;
                }
                int b1 = a[i + 1] & 0xFF;
                int lo = b0 == 0xF0 ? 0x90 : 0x80;
                int hi = b0 == 0xF4 ? 0x8F : 0xBF;
                if (b1 < lo || b1 > hi || a[i + 2] > (byte) 0xBF || a[i + 3] > (byte) 0xBF) {
                    return -1;
                }
                i += 4;
            } else {
                return -1;
            }
        }
        return i;
    }

    /** One byte through the boundary state machine. */
    private static int step(int s, byte value) {
        int b = value & 0xFF;
        switch (s) {
            case ACCEPT:
                if (b < 0x80) {
                    return ACCEPT;
                }
                if (b < 0xC2) {
                    return REJECT;
                }
                if (b < 0xE0) {
                    return TAIL1;
                }
                if (b < 0xF0) {
                    return b == 0xE0 ? AFTER_E0 : b == 0xED ? AFTER_ED : TAIL2;
                }
                if (b <= 0xF4) {
                    return b == 0xF0 ? AFTER_F0 : b == 0xF4 ? AFTER_F4 : TAIL3;
                }
                return REJECT;
            case TAIL1:
                return isTail(b) ? ACCEPT : REJECT;
            case TAIL2:
                return isTail(b) ? TAIL1 : REJECT;
            case TAIL3:
                return isTail(b) ? TAIL2 : REJECT;
            case AFTER_E0:
                return b >= 0xA0 && b <= 0xBF ? TAIL1 : REJECT;
            case AFTER_ED:
                return b >= 0x80 && b <= 0x9F ? TAIL1 : REJECT;
            case AFTER_F0:
                return b >= 0x90 && b <= 0xBF ? TAIL2 : REJECT;
            case AFTER_F4:
                return b >= 0x80 && b <= 0x8F ? TAIL2 : REJECT;
            default:
                return REJECT;
        }
    }

    private static boolean isTail(int b) {
        return (b & 0xC0) == 0x80;
    }

    @Override
    public String toString() {
        return "Utf8Validator[" + (state == ACCEPT ? "complete" : state == REJECT ? "invalid" : "mid-sequence") + "]";
    }
}
