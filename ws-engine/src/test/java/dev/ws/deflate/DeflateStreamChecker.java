package dev.ws.deflate;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Test support: a plainly written raw DEFLATE decoder (RFC 1951, after zlib's puff.c) that records
 * what a 15-bit inflater cannot check: the farthest back-reference and the block types used. Feed
 * it whole messages, each followed by {@code 00 00 FF FF} as the receiver appends it (RFC 7692
 * §7.2.2); it keeps its history between messages unless {@link #resetContext()} is called.
 */
final class DeflateStreamChecker {

    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Everything decoded so far in this context (the history matches may refer to). */
    private byte[] history = new byte[1024];
    private int historyLength;

    private byte[] in;
    private int inPos;
    private int bitBuf;
    private int bitCount;

    int maxDistance;
    long matches;
    long literals;
    final int[] blockTypes = new int[3];
    boolean sawFinalBlock;

    /** Forgets the history, as a receiver does between messages without context takeover. */
    void resetContext() {
        historyLength = 0;
    }

    /** Decodes one message's payload (the tail is appended here) and returns its bytes. */
    byte[] decodeMessage(byte[] payload) {
        in = Arrays.copyOf(payload, payload.length + 4);
        in[payload.length + 2] = (byte) 0xFF;
        in[payload.length + 3] = (byte) 0xFF;
        inPos = 0;
        bitBuf = 0;
        bitCount = 0;
        int start = historyLength;
        while (inPos < in.length || bitCount >= 8) {
            boolean last = bits(1) == 1;
            int type = bits(2);
            switch (type) {
                case 0 -> stored();
                case 1 -> codes(fixedLit(), fixedDist());
                case 2 -> dynamic();
                default -> throw new IllegalStateException("invalid block type 3");
            }
            blockTypes[type]++;
            if (last) {
                sawFinalBlock = true;
                break;
            }
        }
        return Arrays.copyOfRange(history, start, historyLength);
    }

    private int bits(int need) {
        int val = bitBuf;
        while (bitCount < need) {
            if (inPos >= in.length) {
                throw new IllegalStateException("out of input");
            }
            val |= (in[inPos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        bitBuf = val >>> need;
        bitCount -= need;
        return val & ((1 << need) - 1);
    }

    private void stored() {
        bitBuf = 0;
        bitCount = 0;
        int len = (in[inPos] & 0xFF) | (in[inPos + 1] & 0xFF) << 8;
        int nlen = (in[inPos + 2] & 0xFF) | (in[inPos + 3] & 0xFF) << 8;
        if (len != (~nlen & 0xFFFF)) {
            throw new IllegalStateException("stored block length mismatch");
        }
        inPos += 4;
        for (int i = 0; i < len; i++) {
            put(in[inPos++]);
        }
    }

    private record Huffman(int[] count, int[] symbol) {
    }

    private static Huffman build(int[] lengths, int n) {
        int[] count = new int[16];
        int[] symbol = new int[n];
        for (int i = 0; i < n; i++) {
            count[lengths[i]]++;
        }
        int[] offs = new int[16];
        for (int len = 1; len < 15; len++) {
            offs[len + 1] = offs[len] + count[len];
        }
        for (int i = 0; i < n; i++) {
            if (lengths[i] != 0) {
                symbol[offs[lengths[i]]++] = i;
            }
        }
        count[0] = 0;
        return new Huffman(count, symbol);
    }

    private int decode(Huffman h) {
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= 15; len++) {
            code |= bits(1);
            int count = h.count[len];
            if (code - count < first) {
                return h.symbol[index + (code - first)];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        throw new IllegalStateException("ran out of codes");
    }

    private static Huffman fixedLit() {
        int[] l = new int[288];
        for (int i = 0; i < 288; i++) {
            l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        return build(l, 288);
    }

    private static Huffman fixedDist() {
        int[] l = new int[30];
        Arrays.fill(l, 5);
        return build(l, 30);
    }

    private void dynamic() {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        int[] lengths = new int[320];
        for (int i = 0; i < ncode; i++) {
            lengths[CL_ORDER[i]] = bits(3);
        }
        Huffman cl = build(lengths, 19);
        lengths = new int[320];
        int index = 0;
        while (index < nlen + ndist) {
            int sym = decode(cl);
            if (sym < 16) {
                lengths[index++] = sym;
            } else {
                int len = 0;
                int rep;
                if (sym == 16) {
                    if (index == 0) {
                        throw new IllegalStateException("repeat with no previous length");
                    }
                    len = lengths[index - 1];
                    rep = 3 + bits(2);
                } else if (sym == 17) {
                    rep = 3 + bits(3);
                } else {
                    rep = 11 + bits(7);
                }
                if (index + rep > nlen + ndist) {
                    throw new IllegalStateException("too many lengths");
                }
                while (rep-- > 0) {
                    lengths[index++] = len;
                }
            }
        }
        if (lengths[256] == 0) {
            throw new IllegalStateException("no end-of-block code");
        }
        Huffman lit = build(Arrays.copyOfRange(lengths, 0, nlen), nlen);
        Huffman dist = build(Arrays.copyOfRange(lengths, nlen, nlen + ndist), ndist);
        codes(lit, dist);
    }

    private void codes(Huffman lit, Huffman dist) {
        while (true) {
            int sym = decode(lit);
            if (sym < 256) {
                literals++;
                put((byte) sym);
            } else if (sym == 256) {
                return;
            } else {
                sym -= 257;
                if (sym >= 29) {
                    throw new IllegalStateException("invalid length symbol");
                }
                int len = LEN_BASE[sym] + bits(LEN_EXTRA[sym]);
                int ds = decode(dist);
                if (ds >= 30) {
                    throw new IllegalStateException("invalid distance symbol");
                }
                int d = DIST_BASE[ds] + bits(DIST_EXTRA[ds]);
                if (d > historyLength) {
                    throw new IllegalStateException("distance " + d + " too far back (" + historyLength + " bytes)");
                }
                maxDistance = Math.max(maxDistance, d);
                matches++;
                for (int i = 0; i < len; i++) {
                    put(history[historyLength - d]);
                }
            }
        }
    }

    private void put(byte b) {
        if (historyLength == history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[historyLength++] = b;
    }

    /** Concatenates arrays (test convenience). */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
