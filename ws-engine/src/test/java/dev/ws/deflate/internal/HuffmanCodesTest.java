package dev.ws.deflate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.deflate.Compressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Length-limited Huffman codes (RFC 1951 §3.2.2, §3.2.7): however skewed the frequencies, no code
 * is longer than the limit (15 bits for literals and distances, 7 for the code-length alphabet),
 * the code is complete (Kraft sum exactly 1, as zlib's inflate demands), rarer symbols never get
 * shorter codes, and the canonical codes are prefix-free. Fibonacci frequencies are the worst case:
 * an unlimited tree over n symbols is n - 1 deep. And the same through the windowed compressor,
 * inflated by the JDK.
 */
class HuffmanCodesTest {

    private static int[] fibonacci(int n) {
        int[] f = new int[n];
        f[0] = 1;
        f[1] = 1;
        for (int i = 2; i < n; i++) {
            f[i] = f[i - 1] + f[i - 2];
        }
        return f;
    }

    /** Checks the limit, completeness and order; returns the longest length. */
    private static int assertValid(int[] freq, int n, int limit, int[] lengths) {
        long kraft = 0;
        int longest = 0;
        for (int i = 0; i < n; i++) {
            if (freq[i] == 0) {
                assertThat(lengths[i]).as("unused symbol %d", i).isZero();
                continue;
            }
            assertThat(lengths[i]).as("symbol %d", i).isBetween(1, limit);
            kraft += 1L << (limit - lengths[i]);
            longest = Math.max(longest, lengths[i]);
            for (int j = 0; j < n; j++) {
                if (freq[j] > freq[i]) {
                    assertThat(lengths[j]).as("more frequent %d vs %d", j, i).isLessThanOrEqualTo(lengths[i]);
                }
            }
        }
        assertThat(kraft).as("Kraft sum").isEqualTo(1L << limit);
        return longest;
    }

    private static void assertPrefixFree(int[] lengths, int[] codes, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || lengths[i] == 0 || lengths[j] == 0 || lengths[i] > lengths[j]) {
                    continue;
                }
                int mask = (1 << lengths[i]) - 1; // codes are stored bit-reversed: a prefix is the low bits
                assertThat(codes[j] & mask).as("code %d is a prefix of code %d", i, j).isNotEqualTo(codes[i]);
            }
        }
    }

    @Test
    void fibonacciFrequenciesAreLimitedTo15BitsWithACompletePrefixFreeCode() {
        HuffmanCodes h = new HuffmanCodes();
        int n = 30;
        int[] freq = fibonacci(n);
        int[] lengths = new int[n];
        h.lengths(freq, n, 15, lengths);
        assertThat(assertValid(freq, n, 15, lengths)).as("the limit is reached").isEqualTo(15);
        int[] codes = new int[n];
        h.codes(lengths, n, codes);
        assertPrefixFree(lengths, codes, n);
    }

    @Test
    void theCodeLengthAlphabetIsLimitedTo7Bits() {
        HuffmanCodes h = new HuffmanCodes();
        int n = 19;
        int[] freq = fibonacci(n);
        int[] lengths = new int[n];
        h.lengths(freq, n, 7, lengths);
        assertThat(assertValid(freq, n, 7, lengths)).isEqualTo(7);
    }

    @Test
    void randomSkewedFrequenciesAlwaysGiveValidLimitedCodes() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        HuffmanCodes h = new HuffmanCodes();
        try {
            randomRounds(r, h);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static void randomRounds(Random r, HuffmanCodes h) {
        for (int round = 0; round < 300; round++) {
            int n = 2 + r.nextInt(HuffmanCodes.MAX_SYMBOLS - 1);
            int limit = r.nextBoolean() ? 15 : 7;
            if (limit == 7) {
                n = Math.min(n, 19);
            }
            int[] freq = new int[n];
            for (int i = 0; i < n; i++) {
                freq[i] = r.nextInt(4) == 0 ? 0 : 1 << r.nextInt(20);
            }
            int[] lengths = new int[n];
            h.lengths(freq, n, limit, lengths);
            int used = 0;
            for (int f : freq) {
                used += f > 0 ? 1 : 0;
            }
            if (used >= 2) {
                assertValid(freq, n, limit, lengths);
            }
            int[] codes = new int[n];
            h.codes(lengths, n, codes);
            assertPrefixFree(lengths, codes, n);
        }
    }

    @Test
    void skewedRandomBytesSurviveTheWindowedCompressorAndTheJdkInflater() throws Exception {
        Random r = new Random(42);
        int[] fib = fibonacci(24);
        int total = 0;
        for (int f : fib) {
            total += f;
        }
        byte[] message = new byte[60_000];
        for (int i = 0; i < message.length; i++) {
            int pick = r.nextInt(total);
            int symbol = 0;
            while (pick >= fib[symbol]) {
                pick -= fib[symbol++];
            }
            message[i] = (byte) (symbol * 7); // spread over the byte range
        }
        Compressor c = Compressor.windowed(6, 9);
        ByteBuffer out = ByteBuffer.allocate(message.length * 2 + 64);
        assertThat(c.compress(ByteBuffer.wrap(message), out, true)).isTrue();
        c.end();
        Inflater inflater = new Inflater(true);
        inflater.setInput(out.array(), 0, out.position());
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            inflated.write(buf, 0, n);
        }
        inflater.end();
        assertThat(inflated.toByteArray()).isEqualTo(message);
    }
}
