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
 * <p>Four tiers: ASCII 32 and 8 bytes at a time; text with non-ASCII bytes 8 bytes at a time without
 * a branch per byte (every byte of a word classified at once, SWAR), so a mix of scripts costs no
 * branch mispredictions; a byte-by-byte decoder for the last bytes of a range; and a small state
 * machine for sequences cut by a chunk boundary, whose state carries across calls. Nothing is
 * allocated, except a 512-byte scratch array on the first direct buffer a validator is fed. Not
 * thread-safe; {@link #reset()} before reuse.
 *
 * <p>Pinned by {@code Utf8ValidatorTest}, a reference twin against the JDK's strict decoder.
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

    /** Bytes of a direct buffer checked per copy: large enough for the word-at-a-time path to pay. */
    private static final int SCRATCH_BYTES = 512;

    private int state = ACCEPT;
    private byte[] scratch; // for direct buffers, allocated on first use

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
        // Direct or read-only: skip ASCII in place, 8 bytes at a time (the high-bit test does not
        // depend on the buffer's byte order), and check the rest through a small copy.
        int i = from;
        while (i < to && state != REJECT) {
            if (state == ACCEPT) {
                for (int last = to - 8; i <= last && (buf.getLong(i) & HIGH_BITS) == 0; i += 8) {
                    // ASCII
                }
            }
            int n = Math.min(to - i, SCRATCH_BYTES);
            if (n == 0) {
                break;
            }
            if (scratch == null) {
                scratch = new byte[SCRATCH_BYTES];
            }
            buf.get(i, scratch, 0, n);
            update(scratch, 0, n);
            i += n;
        }
        return state != REJECT;
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
     * byte of a sequence that the end of the range cuts (or {@code end}). Never reads outside
     * {@code [i, end)}.
     */
    private static int validateWhole(byte[] a, int i, int end) {
        int lastWord = end - 8;
        while (i <= lastWord) {
            // ASCII fast path: 32 bytes (one branch), then 8 at a time.
            for (int last = end - 32; i <= last; i += 32) {
                if ((((long) LONG_LE.get(a, i) | (long) LONG_LE.get(a, i + 8)
                        | (long) LONG_LE.get(a, i + 16) | (long) LONG_LE.get(a, i + 24)) & HIGH_BITS) != 0) {
                    break;
                }
            }
            for (; i <= lastWord; i += 8) {
                if (((long) LONG_LE.get(a, i) & HIGH_BITS) != 0) {
                    break;
                }
            }
            if (i > lastWord) {
                break;
            }
            i = validateWords(a, i, end);
            if (i < 0) {
                return -1;
            }
        }
        return validateScalar(a, i, end);
    }

    /**
     * Checks whole 8-byte words from {@code i}, which holds a non-ASCII byte, without a branch per
     * byte: every byte of a word is classified at once in its top bit (SWAR), and a byte is invalid
     * when it is a continuation byte (10xxxxxx) where none is due, or none where one is due, or is
     * a lead byte that can never start a valid sequence (C0, C1, F5–FF), or follows E0, ED, F0, F4
     * outside the range they allow (overlong forms, surrogates, above U+10FFFF; RFC 3629 §4).
     * What a word's last bytes require of the next word is carried over.
     *
     * <p>Stops after two words of ASCII in a row (nothing is pending then) and returns the index after them,
     * or, at the end of the range, the index of the first byte of a sequence the last word leaves
     * unfinished, for the scalar code to finish; -1 when invalid.
     */
    private static int validateWords(byte[] a, int i, int end) {
        int runStart = i;
        int lastWord = end - 8;
        long error = 0;
        long due = 0;         // continuation bytes the previous word's leads require in this word
        long afterE0 = 0;     // the previous word ended with E0: this word's first byte must be A0..BF
        long afterED = 0;     // ... ED: 80..9F
        long afterF0 = 0;     // ... F0: 90..BF
        long afterF4 = 0;     // ... F4: 80..8F
        long pending = 0;     // any of the four above
        long w;
        long ascii2;          // high bits of this word and the one before: 0 after two ASCII words
        long previous = HIGH_BITS;
        do {
            w = (long) LONG_LE.get(a, i);
            i += 8;
            // In each byte lane, bit 7 of "sK" holds bit 7-K of that byte; only bit 7 is used.
            long s1 = w << 1;
            long s2 = w << 2;
            long s3 = w << 3;
            long s4 = w << 4;
            long s5 = w << 5;
            long s6 = w << 6;
            long s7 = w << 7;
            long lead = w & s1;                          // 11xxxxxx
            long cont = w & ~s1;                         // 10xxxxxx
            long lead3 = lead & s2;                      // 111xxxxx: a 3- or 4-byte lead
            long required = lead << 8 | lead3 << 16 | due;
            due = lead >>> 56 | lead3 >>> 48;
            long lowClear = lead & ~(s3 | s4 | s5 | s6); // leads with bits 4..1 clear: C0, C1, E0, E1
            long ecOrEd = lead3 & ~s3 & s4 & s5 & ~s6;   // EC, ED
            long lead4 = lead3 & s3;                     // F0..FF
            long bad = 0;
            if (((lowClear | ecOrEd | lead4) & HIGH_BITS | pending) != 0) {
                // Leads that are invalid (C0, C1, F5..FF) or restrict the byte after them (E0, ED,
                // F0, F4) are rare in most text; the check for them is skipped when none is here.
                bad = lowClear & ~s2                     // C0, C1: overlong 2-byte forms
                        | lead4 & (s4 | s5 & (s6 | s7)); // F5..FF
                long e0 = lowClear & s2 & ~s7;
                long ed = ecOrEd & s7;
                required |= lead4 << 24;
                due |= lead4 >>> 40;
                long f = lead4 & ~s4;                    // F0..F7
                long low2Clear = ~(s6 | s7);
                long f0 = f & low2Clear & ~s5;
                long f4 = f & low2Clear & s5;
                long bits54 = s2 | s3;                   // of the byte in this lane: bit 5 or bit 4
                bad |= (e0 << 8 | afterE0) & ~s2 | (ed << 8 | afterED) & s2
                        | (f0 << 8 | afterF0) & ~bits54 | (f4 << 8 | afterF4) & bits54;
                afterE0 = e0 >>> 56;
                afterED = ed >>> 56;
                afterF0 = f0 >>> 56;
                afterF4 = f4 >>> 56;
                pending = (afterE0 | afterED | afterF0 | afterF4) & 0x80; // lane 0's bit 7; the rest is noise
            }
            error |= bad | cont ^ required;
            ascii2 = (w | previous) & HIGH_BITS;
            previous = w;
        } while (ascii2 != 0 && i <= lastWord);
        if ((error & HIGH_BITS) != 0) {
            return -1;
        }
        if (ascii2 != 0) {
            // The range ends within a run of non-ASCII words: back up to a sequence left unfinished.
            if (i - 1 >= runStart && (a[i - 1] & 0xFF) >= 0xC0) {
                return i - 1;                                   // a lead byte last
            }
            if (i - 2 >= runStart && (a[i - 2] & 0xFF) >= 0xE0) {
                return i - 2;                                   // a 3- or 4-byte lead, one byte after it
            }
            if (i - 3 >= runStart && (a[i - 3] & 0xFF) >= 0xF0) {
                return i - 3;                                   // a 4-byte lead, two bytes after it
            }
        }
        return i;
    }

    /** The byte-by-byte form of {@link #validateWhole}, for the last bytes of a range. */
    private static int validateScalar(byte[] a, int i, int end) {
        while (i < end) {
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
