package dev.ws.deflate.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The coding half of {@link WindowedCompressor}: collects LZ77 symbols (literals and
 * length/distance pairs), codes each block in the cheapest of stored, fixed-Huffman and
 * dynamic-Huffman form (RFC 1951 §3.2.3–§3.2.7), and buffers the output bits until they are drained.
 * Reuses every array: nothing is allocated per block once the output buffer has grown. Not
 * thread-safe.
 */
final class BlockWriter {

    static final int MIN_MATCH = 3;
    /** Symbols per block before it is coded; bounds the symbol buffer (32 KiB). */
    static final int BLOCK_SYMBOLS = 8192;
    static final int MAX_STORED = 65535;
    static final int LITERALS = 286;
    static final int DISTANCES = 30;
    static final int END_OF_BLOCK = 256;
    static final int CODE_LENGTH_CODES = 19;

    /** Order in which code-length code lengths are sent (RFC 1951 §3.2.7). */
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
        99, 115, 131, 163, 195, 227, 258};
    static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
        12, 12, 13, 13};
    /** Length code index (0..28, i.e. symbol - 257) for each match length - 3. */
    private static final byte[] LEN_CODE = new byte[256];
    private static final int[] FIXED_LIT_LEN = new int[HuffmanCodes.MAX_SYMBOLS];
    private static final int[] FIXED_LIT_CODE = new int[HuffmanCodes.MAX_SYMBOLS];
    private static final int[] FIXED_DIST_LEN = new int[DISTANCES];
    private static final int[] FIXED_DIST_CODE = new int[DISTANCES];

    static {
        for (int code = 0; code < 28; code++) {
            for (int n = 0; n < 1 << LEN_EXTRA[code]; n++) {
                LEN_CODE[LEN_BASE[code] - 3 + n] = (byte) code;
            }
        }
        LEN_CODE[255] = 28;
        for (int i = 0; i < FIXED_LIT_LEN.length; i++) {
            FIXED_LIT_LEN[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        Arrays.fill(FIXED_DIST_LEN, 5);
        HuffmanCodes h = new HuffmanCodes();
        h.codes(FIXED_LIT_LEN, FIXED_LIT_LEN.length, FIXED_LIT_CODE);
        h.codes(FIXED_DIST_LEN, DISTANCES, FIXED_DIST_CODE);
    }

    private final boolean storedOnly;
    private final int[] syms = new int[BLOCK_SYMBOLS];
    private int symCount;
    private final int[] litFreq = new int[LITERALS];
    private final int[] distFreq = new int[DISTANCES];

    private final HuffmanCodes huffman = new HuffmanCodes();
    private final int[] litLen = new int[LITERALS];
    private final int[] litCode = new int[LITERALS];
    private final int[] distLen = new int[DISTANCES];
    private final int[] distCode = new int[DISTANCES];
    private final int[] allLengths = new int[LITERALS + DISTANCES];
    private final int[] rle = new int[LITERALS + DISTANCES];
    private final int[] clFreq = new int[CODE_LENGTH_CODES];
    private final int[] clLen = new int[CODE_LENGTH_CODES];
    private final int[] clCode = new int[CODE_LENGTH_CODES];
    private int hlit;
    private int hdist;
    private int hclen;
    private int rleCount;

    private byte[] pending = new byte[1024];
    private int pendingStart;
    private int pendingEnd;
    private long bitBuf;
    private int bitCount;

    /** @param storedOnly level 0: every block is stored, no symbols are collected */
    BlockWriter(boolean storedOnly) {
        this.storedOnly = storedOnly;
    }

    /** Whether the symbol buffer lacks room for a literal and a match: close the block first. */
    boolean full() {
        return symCount > BLOCK_SYMBOLS - 2;
    }

    void literal(byte b) {
        syms[symCount++] = b & 0xFF;
        litFreq[b & 0xFF]++;
    }

    void match(int len, int dist) {
        syms[symCount++] = dist << 9 | len;
        litFreq[257 + LEN_CODE[len - MIN_MATCH]]++;
        distFreq[distanceCode(dist)]++;
    }

    static int distanceCode(int dist) {
        int d = dist - 1;
        if (d < 4) {
            return d;
        }
        int nb = 31 - Integer.numberOfLeadingZeros(d);
        return 2 * nb + ((d >>> (nb - 1)) & 1);
    }

    /** Whether coded bytes wait to be drained. */
    boolean hasPending() {
        return pendingStart != pendingEnd;
    }

    int pendingBytes() {
        return pendingEnd - pendingStart;
    }

    /** Forgets symbols, bits and pending output. */
    void reset() {
        clearBlock();
        bitBuf = 0;
        bitCount = 0;
        pendingStart = 0;
        pendingEnd = 0;
    }

    /**
     * Codes the symbols collected for the raw bytes {@code buf[from, from + length)} as one block (or
     * stored blocks) in the cheapest form, then starts a new block.
     */
    void closeBlock(byte[] buf, int from, int length) {
        if (length == 0) {
            clearBlock();
            return;
        }
        long storedBits = (long) ((length + MAX_STORED - 1) / MAX_STORED) * (3 + 7 + 32) + 8L * length;
        if (storedOnly) {
            writeStored(buf, from, length);
        } else {
            litFreq[END_OF_BLOCK]++;
            long extraBits = 0;
            long fixedBits = 3;
            for (int i = 0; i < LITERALS; i++) {
                fixedBits += (long) litFreq[i] * FIXED_LIT_LEN[i];
            }
            for (int c = 0; c < 29; c++) {
                extraBits += (long) litFreq[257 + c] * LEN_EXTRA[c];
            }
            for (int c = 0; c < DISTANCES; c++) {
                fixedBits += 5L * distFreq[c];
                extraBits += (long) distFreq[c] * DIST_EXTRA[c];
            }
            fixedBits += extraBits;
            long dynamicBits = prepareDynamic() + extraBits;
            if (storedBits <= fixedBits && storedBits <= dynamicBits) {
                writeStored(buf, from, length);
            } else if (fixedBits <= dynamicBits) {
                putBits(1 << 1, 3);
                writeSymbols(FIXED_LIT_CODE, FIXED_LIT_LEN, FIXED_DIST_CODE, FIXED_DIST_LEN);
            } else {
                writeDynamicHeader();
                writeSymbols(litCode, litLen, distCode, distLen);
            }
        }
        clearBlock();
    }

    private void clearBlock() {
        symCount = 0;
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
    }

    /** Builds the dynamic codes and returns the block's size in bits, without extra bits. */
    private long prepareDynamic() {
        huffman.lengths(litFreq, LITERALS, 15, litLen);
        huffman.lengths(distFreq, DISTANCES, 15, distLen);
        huffman.codes(litLen, LITERALS, litCode);
        huffman.codes(distLen, DISTANCES, distCode);
        hlit = LITERALS;
        while (hlit > 257 && litLen[hlit - 1] == 0) {
            hlit--;
        }
        hdist = DISTANCES;
        while (hdist > 1 && distLen[hdist - 1] == 0) {
            hdist--;
        }
        System.arraycopy(litLen, 0, allLengths, 0, hlit);
        System.arraycopy(distLen, 0, allLengths, hlit, hdist);
        rleCount = runLengths(hlit + hdist);
        huffman.lengths(clFreq, CODE_LENGTH_CODES, 7, clLen);
        huffman.codes(clLen, CODE_LENGTH_CODES, clCode);
        hclen = CODE_LENGTH_CODES;
        while (hclen > 4 && clLen[CL_ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        long bits = 3 + 5 + 5 + 4 + 3L * hclen;
        bits += 2L * clFreq[16] + 3L * clFreq[17] + 7L * clFreq[18];
        for (int i = 0; i < CODE_LENGTH_CODES; i++) {
            bits += (long) clFreq[i] * clLen[i];
        }
        for (int i = 0; i < LITERALS; i++) {
            bits += (long) litFreq[i] * litLen[i];
        }
        for (int i = 0; i < DISTANCES; i++) {
            bits += (long) distFreq[i] * distLen[i];
        }
        return bits;
    }

    /** Run-length codes {@code allLengths[0..total)} with symbols 16/17/18 (RFC 1951 §3.2.7). */
    private int runLengths(int total) {
        Arrays.fill(clFreq, 0);
        int count = 0;
        int i = 0;
        while (i < total) {
            int len = allLengths[i];
            int run = 1;
            while (i + run < total && allLengths[i + run] == len) {
                run++;
            }
            i += run;
            if (len == 0) {
                while (run >= 11) {
                    int r = Math.min(run, 138);
                    rle[count++] = 18 | (r - 11) << 8;
                    clFreq[18]++;
                    run -= r;
                }
                if (run >= 3) {
                    rle[count++] = 17 | (run - 3) << 8;
                    clFreq[17]++;
                    run = 0;
                }
            } else {
                rle[count++] = len;
                clFreq[len]++;
                run--;
                while (run >= 3) {
                    int r = Math.min(run, 6);
                    rle[count++] = 16 | (r - 3) << 8;
                    clFreq[16]++;
                    run -= r;
                }
            }
            for (; run > 0; run--) {
                rle[count++] = len;
                clFreq[len]++;
            }
        }
        return count;
    }

    private void writeDynamicHeader() {
        putBits(2 << 1, 3);
        putBits(hlit - 257, 5);
        putBits(hdist - 1, 5);
        putBits(hclen - 4, 4);
        for (int i = 0; i < hclen; i++) {
            putBits(clLen[CL_ORDER[i]], 3);
        }
        for (int i = 0; i < rleCount; i++) {
            int sym = rle[i] & 0xFF;
            putBits(clCode[sym], clLen[sym]);
            int extra = rle[i] >>> 8;
            if (sym == 16) {
                putBits(extra, 2);
            } else if (sym == 17) {
                putBits(extra, 3);
            } else if (sym == 18) {
                putBits(extra, 7);
            }
        }
    }

    private void writeSymbols(int[] lc, int[] ll, int[] dc, int[] dl) {
        for (int i = 0; i < symCount; i++) {
            int s = syms[i];
            if (s < 256) {
                putBits(lc[s], ll[s]);
                continue;
            }
            int len = s & 0x1FF;
            int dist = s >>> 9;
            int code = LEN_CODE[len - MIN_MATCH];
            putBits(lc[257 + code], ll[257 + code]);
            if (LEN_EXTRA[code] != 0) {
                putBits(len - LEN_BASE[code], LEN_EXTRA[code]);
            }
            int d = distanceCode(dist);
            putBits(dc[d], dl[d]);
            if (DIST_EXTRA[d] != 0) {
                putBits(dist - DIST_BASE[d], DIST_EXTRA[d]);
            }
        }
        putBits(lc[END_OF_BLOCK], ll[END_OF_BLOCK]);
    }

    private void writeStored(byte[] buf, int from, int length) {
        do {
            int n = Math.min(length, MAX_STORED);
            putBits(0, 3);
            alignToByte();
            ensurePending(4 + n);
            pending[pendingEnd++] = (byte) n;
            pending[pendingEnd++] = (byte) (n >>> 8);
            pending[pendingEnd++] = (byte) ~n;
            pending[pendingEnd++] = (byte) (~n >>> 8);
            System.arraycopy(buf, from, pending, pendingEnd, n);
            pendingEnd += n;
            from += n;
            length -= n;
        } while (length > 0);
    }

    /** An empty stored block: byte-aligns the output and ends it with {@code 00 00 FF FF}. */
    void syncFlush() {
        putBits(0, 3);
        alignToByte();
        ensurePending(4);
        pending[pendingEnd++] = 0;
        pending[pendingEnd++] = 0;
        pending[pendingEnd++] = (byte) 0xFF;
        pending[pendingEnd++] = (byte) 0xFF;
    }

    // ---- bit output ------------------------------------------------------------------------------

    /** Appends the {@code n <= 16} low bits of {@code value}, least significant first. */
    private void putBits(int value, int n) {
        assert n <= 16 && (value >>> n) == 0 : "value " + value + " does not fit " + n + " bits";
        bitBuf |= (long) value << bitCount;
        bitCount += n;
        if (bitCount >= 32) {
            ensurePending(4);
            pending[pendingEnd++] = (byte) bitBuf;
            pending[pendingEnd++] = (byte) (bitBuf >>> 8);
            pending[pendingEnd++] = (byte) (bitBuf >>> 16);
            pending[pendingEnd++] = (byte) (bitBuf >>> 24);
            bitBuf >>>= 32;
            bitCount -= 32;
        }
    }

    private void alignToByte() {
        ensurePending(8);
        while (bitCount > 0) {
            pending[pendingEnd++] = (byte) bitBuf;
            bitBuf >>>= 8;
            bitCount -= 8;
        }
        bitCount = 0;
        bitBuf = 0;
    }

    private void ensurePending(int n) {
        if (pendingEnd + n <= pending.length) {
            return;
        }
        int live = pendingEnd - pendingStart;
        byte[] target = live + n <= pending.length ? pending
                : new byte[Math.max(pending.length * 2, live + n)];
        System.arraycopy(pending, pendingStart, target, 0, live);
        pending = target;
        pendingStart = 0;
        pendingEnd = live;
    }

    /** Moves as many coded bytes as fit into {@code out}. */
    void drain(ByteBuffer out) {
        int n = Math.min(out.remaining(), pendingEnd - pendingStart);
        if (n > 0) {
            out.put(pending, pendingStart, n);
            pendingStart += n;
        }
        if (pendingStart == pendingEnd) {
            pendingStart = 0;
            pendingEnd = 0;
        }
    }

}
