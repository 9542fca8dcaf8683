package dev.ws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Test support: the JDK's strict UTF-8 decoder ({@link CodingErrorAction#REPORT}) as the reference
 * that {@link Utf8Validator} is compared with.
 */
final class Utf8Reference {

    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    /** Second bytes that fall in each range a lead byte may restrict: 80–8F, 90–9F, A0–BF. */
    private static final byte[] SECOND_BYTES = {(byte) 0x80, (byte) 0x90, (byte) 0xA0};

    private Utf8Reference() {
    }

    /** Whether the bytes are complete, valid UTF-8. */
    static boolean valid(byte[] b, int off, int len) {
        CharsetDecoder d = DECODER.get().reset();
        CharBuffer out = CharBuffer.allocate(len + 1);
        CoderResult r = d.decode(ByteBuffer.wrap(b, off, len), out, true);
        return !r.isError() && !d.flush(out).isError();
    }

    static boolean valid(byte[] b) {
        return valid(b, 0, b.length);
    }

    /**
     * Whether some bytes could follow {@code b[off, off+len)} to make it valid: the JDK decodes it as
     * unfinished input, and whatever sequence it leaves at the end can still be completed.
     */
    static boolean extendable(byte[] b, int off, int len) {
        CharsetDecoder d = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CoderResult r = d.decode(in, CharBuffer.allocate(len + 1), false);
        if (r.isError()) {
            return false;
        }
        if (!in.hasRemaining()) {
            return true;
        }
        byte[] tail = new byte[in.remaining()];
        in.get(tail);
        // The JDK leaves an unfinished sequence (at most 3 bytes): can it be finished?
        for (int extra = 1; extra <= 3; extra++) {
            for (byte second : SECOND_BYTES) {
                byte[] candidate = new byte[tail.length + extra];
                System.arraycopy(tail, 0, candidate, 0, tail.length);
                java.util.Arrays.fill(candidate, tail.length, candidate.length, (byte) 0x80);
                if (tail.length == 1) {
                    candidate[1] = second;
                }
                if (valid(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The index (relative to {@code off}) of the first byte after which no continuation can make the
     * input valid, or -1 when every prefix can still be completed: where a fail-fast validator must
     * reject.
     */
    static int firstInvalidIndex(byte[] b, int off, int len) {
        if (extendable(b, off, len)) {
            return -1;
        }
        int lo = 0; // extendable(lo) holds (the empty prefix)
        int hi = len; // extendable(hi) fails
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (extendable(b, off, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi - 1;
    }

    static int firstInvalidIndex(byte[] b) {
        return firstInvalidIndex(b, 0, b.length);
    }
}
