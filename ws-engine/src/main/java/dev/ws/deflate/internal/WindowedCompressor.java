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
 * level 0); {@link BlockWriter} codes each block in the cheapest of stored, fixed-Huffman and
 * dynamic-Huffman form. Input is
 * kept in a buffer of {@code max(4 * window, 16 KiB)} bytes that slides by whole windows, so the
 * history of the previous message stays available for context takeover. Heap only: nothing to end.
 *
 * <p>Invariants: {@code 0 <= blockStart <= pos <= end <= buf.length}; the raw bytes of the open block
 * {@code [blockStart, pos)} are in {@code buf} (a block is closed before the buffer slides); a match
 * found at {@code p} starts at {@code p - distance >= p - window}.
 */
public final class WindowedCompressor implements Compressor {

    static final int MIN_MATCH = BlockWriter.MIN_MATCH;
    static final int MAX_MATCH = 258;
    /** Bytes kept ahead of the position while more input may come, so that matches reach full length. */
    static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
    static final int MIN_BUFFER = 16384;

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

    private int matchLength;
    private int matchDistance;
    private final BlockWriter writer;

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
        this.writer = new BlockWriter(this.level == 0);
    }

    /** The window this compressor keeps to, in bits. */
    public int windowBits() {
        return windowBits;
    }

    @Override
    public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
        while (true) {
            writer.drain(out);
            if (writer.hasPending()) {
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
                writer.syncFlush();
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
        writer.reset();
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
            if (writer.full()) {
                closeBlock();
            }
            int p = pos;
            if (end - p < MIN_MATCH) {
                writer.literal(buf[p]);
                pos = p + 1;
                continue;
            }
            longestMatch(p, insert(p));
            int len = matchLength;
            if (len == 0) {
                writer.literal(buf[p]);
                pos = p + 1;
                continue;
            }
            int dist = matchDistance;
            if (len < lazyLimit && end - (p + 1) >= MIN_MATCH) {
                longestMatch(p + 1, insert(p + 1));
                if (matchLength > len) {
                    writer.literal(buf[p]);
                    writer.match(matchLength, matchDistance);
                    insertRange(p + 2, p + 1 + matchLength);
                    pos = p + 1 + matchLength;
                    continue;
                }
                writer.match(len, dist);
                insertRange(p + 2, p + len);
            } else {
                writer.match(len, dist);
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

    /** Codes the open block {@code [blockStart, pos)} and starts the next one at {@code pos}. */
    private void closeBlock() {
        writer.closeBlock(buf, blockStart, pos - blockStart);
        blockStart = pos;
    }

    @Override
    public String toString() {
        return "WindowedCompressor[window=" + windowSize + ", level=" + level + ", buffered=" + (end - pos)
                + ", pending=" + writer.pendingBytes() + "]";
    }
}
