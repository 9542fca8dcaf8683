package dev.ws.deflate.internal;

import java.util.Arrays;

/**
 * Length-limited Huffman code lengths and canonical codes for DEFLATE (RFC 1951 §3.2.2). Reuses
 * its work arrays: build once per compressor, no allocation per block. Not thread-safe.
 */
final class HuffmanCodes {

    /** The largest alphabet: 286 literal/length codes (plus 2 unused in fixed codes). */
    static final int MAX_SYMBOLS = 288;

    private final long[] sorted = new long[MAX_SYMBOLS];
    private final int[] leafParent = new int[MAX_SYMBOLS];
    private final int[] nodeParent = new int[MAX_SYMBOLS];
    private final long[] nodeWeight = new long[MAX_SYMBOLS];
    private final int[] depth = new int[MAX_SYMBOLS];
    private final int[] lengthCount = new int[64];
    private final int[] nextCode = new int[16];

    /**
     * Computes code lengths of at most {@code limit} bits for {@code freq[0..n)} into
     * {@code lengths}. Symbols with frequency 0 get length 0. The code is always complete (Kraft sum
     * 1): with fewer than two used symbols a second symbol gets a 1-bit code too, as zlib's inflate
     * rejects incomplete code-length codes.
     */
    void lengths(int[] freq, int n, int limit, int[] lengths) {
        int used = 0;
        for (int i = 0; i < n; i++) {
            lengths[i] = 0;
            if (freq[i] > 0) {
                sorted[used++] = (long) freq[i] << 16 | i;
            }
        }
        if (used < 2) {
            int a = used == 1 ? (int) (sorted[0] & 0xFFFF) : 0;
            lengths[a] = 1;
            lengths[a == 0 ? 1 : 0] = 1;
            return;
        }
        Arrays.sort(sorted, 0, used);
        // Two-queue Huffman over leaves sorted by weight: internal nodes come out in weight order.
        int leaf = 0;
        int node = 0;
        for (int k = 0; k < used - 1; k++) {
            long w = 0;
            for (int pick = 0; pick < 2; pick++) {
                boolean takeLeaf = leaf < used && (node >= k || (sorted[leaf] >>> 16) <= nodeWeight[node]);
                if (takeLeaf) {
                    w += sorted[leaf] >>> 16;
                    leafParent[leaf++] = k;
                } else {
                    w += nodeWeight[node];
                    nodeParent[node++] = k;
                }
            }
            nodeWeight[k] = w;
        }
        int root = used - 2;
        depth[root] = 0;
        for (int k = root - 1; k >= 0; k--) {
            depth[k] = depth[nodeParent[k]] + 1;
        }
        Arrays.fill(lengthCount, 0);
        for (int i = 0; i < used; i++) {
            lengthCount[Math.min(depth[leafParent[i]] + 1, lengthCount.length - 1)]++;
        }
        limitLengths(limit);
        // Hand the lengths out again by weight: the rarest symbols get the longest codes.
        int i = 0;
        for (int len = limit; len >= 1; len--) {
            for (int c = lengthCount[len]; c > 0; c--) {
                lengths[(int) (sorted[i++] & 0xFFFF)] = len;
            }
        }
        assert i == used;
    }

    /** Folds lengths over the limit into it and restores the Kraft sum (as miniz does). */
    private void limitLengths(int limit) {
        for (int len = limit + 1; len < lengthCount.length; len++) {
            lengthCount[limit] += lengthCount[len];
            lengthCount[len] = 0;
        }
        long total = 0;
        for (int len = limit; len > 0; len--) {
            total += (long) lengthCount[len] << (limit - len);
        }
        // Each round removes one code of the longest length and splits a shorter code into two:
        // the code count stays, the Kraft sum drops by one unit of 2^-limit.
        while (total != 1L << limit) {
            lengthCount[limit]--;
            for (int len = limit - 1; len > 0; len--) {
                if (lengthCount[len] != 0) {
                    lengthCount[len]--;
                    lengthCount[len + 1] += 2;
                    break;
                }
            }
            total--;
        }
    }

    /**
     * Canonical codes (RFC 1951 §3.2.2) for {@code lengths[0..n)}, bit-reversed so that they can be
     * written least significant bit first.
     */
    void codes(int[] lengths, int n, int[] codes) {
        int[] count = lengthCount;
        Arrays.fill(count, 0, 16, 0);
        for (int i = 0; i < n; i++) {
            count[lengths[i]]++;
        }
        count[0] = 0;
        int code = 0;
        for (int bits = 1; bits < 16; bits++) {
            code = (code + count[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        for (int i = 0; i < n; i++) {
            int len = lengths[i];
            if (len != 0) {
                codes[i] = Integer.reverse(nextCode[len]++) >>> (32 - len);
            }
        }
    }
}
