package dev.ws.deflate.internal;

import dev.ws.deflate.Compressor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A pure-Java raw DEFLATE compressor (RFC 1951) whose back-references never reach further than
 * {@code 2^windowBits} bytes, for the windows below 15 bits that a peer may ask for
 * ({@code server_max_window_bits} / {@code client_max_window_bits}, RFC 7692 §7.1.2) and that the
 * JDK's zlib cannot set.
 *
 * <p>LZ77 with hash chains (greedy at levels 1–3, one step of lazy matching above, stored blocks at
 * level 0), then per block the cheapest of stored, fixed-Huffman and dynamic-Huffman coding. Input is
 * kept in a buffer of {@code max(4 * window, 16 KiB)} bytes that slides by whole windows, so the
 * history of the previous message stays available for context takeover. Heap only: nothing to end.
 *
 * <p>Invariants: {@code 0 <= blockStart <= pos <= end <= buf.length}; the raw bytes of the open block
 * {@code [blockStart, pos)} are in {@code buf} (a block is closed before the buffer slides); a match
 * found at {@code p} starts at {@code p - distance >= p - window}.
 */
public final class WindowedCompressor implements Compressor {

    static final int MIN_MATCH = 3;
    static final int MAX_MATCH = 258;
    /** Bytes kept ahead of the position while more input may come, so that matches reach full length. */
    static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
    /** Symbols per block before it is coded; bounds the symbol buffer (32 KiB). */
    static final int BLOCK_SYMBOLS = 8192;
    static final int MIN_BUFFER = 16384;
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

    private final int level;
    private final int windowBits;
    private final int windowSize;
    private final int windowMask;
    private final int maxChain;
    private final int niceLength;
    /** Matches shorter than this are checked against a longer match one byte later; 0 = greedy. */
    private final int lazyLimit;
    private final int hashShift;

    private final byte[] buf;
    private final int[] head;
    private final int[] prev;
    private int end;
    private int pos;
    private int blockStart;

    private final int[] syms = new int[BLOCK_SYMBOLS];
    private int symCount;
    private final int[] litFreq = new int[LITERALS];
    private final int[] distFreq = new int[DISTANCES];
    private int matchLength;
    private int matchDistance;

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

    private byte[] pending = new byte[1024];
    private int pendingStart;
    private int pendingEnd;
    private long bitBuf;
    private int bitCount;
    /** Whether input arrived since the last sync flush. */
    private boolean unflushed;

    /**
     * @param level      -1 (default, 6) or 0..9, as {@link java.util.zip.Deflater}
     * @param windowBits 8..15: no match reaches further back than {@code 2^windowBits} bytes
     */
    public WindowedCompressor(int level, int windowBits) {
        if (windowBits < 8 || windowBits > 15) {
            throw new IllegalArgumentException("window bits " + windowBits + " not in 8..15");
        }
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("compression level " + level + " not in -1..9");
        }
        this.level = level == -1 ? 6 : level;
        this.windowBits = windowBits;
        this.windowSize = 1 << windowBits;
        this.windowMask = windowSize - 1;
        // (max chain, nice length, lazy limit) per level, after zlib's configuration table.
        int[][] table = {{0, 0, 0}, {4, 8, 0}, {8, 16, 0}, {32, 32, 0}, {16, 16, 4}, {32, 32, 16},
            {128, 128, 16}, {256, 128, 32}, {1024, 258, 128}, {4096, 258, 258}};
        this.maxChain = table[this.level][0];
        this.niceLength = table[this.level][1];
        this.lazyLimit = table[this.level][2];
        int hashBits = Math.max(10, Math.min(windowBits + 2, 14));
        this.hashShift = 32 - hashBits;
        this.buf = new byte[Math.max(4 * windowSize, MIN_BUFFER)];
        this.head = new int[1 << hashBits];
        this.prev = new int[windowSize];
        Arrays.fill(head, -1);
    }

    /** The window this compressor keeps to, in bits. */
    public int windowBits() {
        return windowBits;
    }

    @Override
    public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
        while (true) {
            drain(out);
            if (pendingStart != pendingEnd) {
                return false;
            }
            if (in.hasRemaining()) {
                if (end == buf.length) {
                    makeRoom();
                    continue;
                }
                int n = Math.min(in.remaining(), buf.length - end);
                in.get(buf, end, n);
                end += n;
                unflushed = true;
                deflate(false);
                continue;
            }
            if (flush && unflushed) {
                deflate(true);
                closeBlock();
                syncFlush();
                unflushed = false;
                continue;
            }
            return true;
        }
    }

    @Override
    public void reset() {
        Arrays.fill(head, -1);
        end = 0;
        pos = 0;
        blockStart = 0;
        clearBlock();
        bitBuf = 0;
        bitCount = 0;
        pendingStart = 0;
        pendingEnd = 0;
        unflushed = false;
    }

    @Override
    public void end() {
        // heap only
    }

    // ---- LZ77 ------------------------------------------------------------------------------------

    /** Turns the buffered input into symbols, all of it or up to the lookahead reserve. */
    private void deflate(boolean all) {
        int limit = all ? end : end - MIN_LOOKAHEAD;
        if (level == 0) {
            pos = Math.max(pos, limit);
            return;
        }
        while (pos < limit) {
            if (symCount > BLOCK_SYMBOLS - 2) {
                closeBlock();
            }
            int p = pos;
            if (end - p < MIN_MATCH) {
                literal(buf[p]);
                pos = p + 1;
                continue;
            }
            longestMatch(p, insert(p));
            int len = matchLength;
            if (len == 0) {
                literal(buf[p]);
                pos = p + 1;
                continue;
            }
            int dist = matchDistance;
            if (len < lazyLimit && end - (p + 1) >= MIN_MATCH) {
                longestMatch(p + 1, insert(p + 1));
                if (matchLength > len) {
                    literal(buf[p]);
                    match(matchLength, matchDistance);
                    insertRange(p + 2, p + 1 + matchLength);
                    pos = p + 1 + matchLength;
                    continue;
                }
                match(len, dist);
                insertRange(p + 2, p + len);
            } else {
                match(len, dist);
                insertRange(p + 1, p + len);
            }
            pos = p + len;
        }
    }

    /** Enters position {@code p} (which has 3 bytes ahead) into its hash chain; returns the old head. */
    private int insert(int p) {
        int h = (((buf[p] & 0xFF) << 16 | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF)) * 0x9E3779B1) >>> hashShift;
        int old = head[h];
        prev[p & windowMask] = old;
        head[h] = p;
        return old;
    }

    private void insertRange(int from, int to) {
        int last = Math.min(to, end - MIN_MATCH + 1);
        for (int q = from; q < last; q++) {
            insert(q);
        }
    }

    /**
     * Finds the longest match for {@code p} along the chain starting at {@code cand}, never further
     * back than the window; sets {@link #matchLength} (0 when none) and {@link #matchDistance}.
     */
    private void longestMatch(int p, int cand) {
        matchLength = 0;
        int maxLen = Math.min(MAX_MATCH, end - p);
        if (maxLen < MIN_MATCH) {
            return;
        }
        int limit = p - windowSize;
        int best = MIN_MATCH - 1;
        int bestDist = 0;
        int chain = maxChain;
        byte[] b = buf;
        while (cand >= 0 && cand >= limit && chain-- > 0) {
            if (b[cand + best] == b[p + best] && b[cand] == b[p] && b[cand + 1] == b[p + 1]) {
                int len = 2;
                while (len < maxLen && b[cand + len] == b[p + len]) {
                    len++;
                }
                if (len > best) {
                    best = len;
                    bestDist = p - cand;
                    if (len >= niceLength || len == maxLen) {
                        break;
                    }
                }
            }
            int next = prev[cand & windowMask];
            if (next >= cand) {
                break; // a slot reused by a newer position: the chain ends here
            }
            cand = next;
        }
        if (best >= MIN_MATCH) {
            assert bestDist >= 1 && bestDist <= windowSize : "distance " + bestDist + " outside window " + windowSize;
            matchLength = best;
            matchDistance = bestDist;
        }
    }

    private void literal(byte b) {
        syms[symCount++] = b & 0xFF;
        litFreq[b & 0xFF]++;
    }

    private void match(int len, int dist) {
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

    /** Slides the buffer down by whole windows, keeping at least one window of history. */
    private void makeRoom() {
        int delta = (pos - windowSize) & ~windowMask;
        assert delta > 0 : "buffer full but no window to drop: pos=" + pos + " end=" + end;
        if (blockStart < delta) {
            closeBlock();
        }
        System.arraycopy(buf, delta, buf, 0, end - delta);
        end -= delta;
        pos -= delta;
        blockStart -= delta;
        slide(head, delta);
        slide(prev, delta);
    }

    private static void slide(int[] table, int delta) {
        for (int i = 0; i < table.length; i++) {
            int v = table[i] - delta;
            table[i] = v < 0 ? -1 : v;
        }
    }

    // ---- blocks ----------------------------------------------------------------------------------

    /** Codes the open block {@code [blockStart, pos)} in the cheapest of the three block types. */
    private void closeBlock() {
        int length = pos - blockStart;
        if (length == 0) {
            clearBlock();
            return;
        }
        long storedBits = (long) ((length + MAX_STORED - 1) / MAX_STORED) * (3 + 7 + 32) + 8L * length;
        if (level == 0) {
            writeStored(blockStart, length);
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
                writeStored(blockStart, length);
            } else if (fixedBits <= dynamicBits) {
                putBits(1 << 1, 3);
                writeSymbols(FIXED_LIT_CODE, FIXED_LIT_LEN, FIXED_DIST_CODE, FIXED_DIST_LEN);
            } else {
                writeDynamicHeader();
                writeSymbols(litCode, litLen, distCode, distLen);
            }
        }
        blockStart = pos;
        clearBlock();
    }

    private void clearBlock() {
        symCount = 0;
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
    }

    private int hlit;
    private int hdist;
    private int hclen;
    private int rleCount;

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

    private void writeStored(int from, int length) {
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
    private void syncFlush() {
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

    private void drain(ByteBuffer out) {
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

    @Override
    public String toString() {
        return "WindowedCompressor[window=" + windowSize + ", level=" + level + ", buffered=" + (end - pos)
                + ", pending=" + (pendingEnd - pendingStart) + "]";
    }
}
