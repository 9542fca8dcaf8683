package dev.ws;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Test support: frames written byte by byte, the plain way, as the reference the fast encoders and
 * the decoder are compared with (RFC 6455 §5.2). Nothing here shares code with {@code dev.ws}.
 */
final class WireFrames {

    private WireFrames() {
    }

    /** One frame on the wire; {@code payload} is the unmasked payload. */
    static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, int key, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        long n = payload.length;
        if (n <= 125) {
            out.write(maskBit | (int) n);
        } else if (n <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (n >> 8) & 0xFF);
            out.write((int) n & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (n >> shift) & 0xFF);
            }
        }
        if (masked) {
            out.write(key >>> 24);
            out.write(key >>> 16 & 0xFF);
            out.write(key >>> 8 & 0xFF);
            out.write(key & 0xFF);
        }
        out.writeBytes(masked ? plainMask(payload, key, 0) : payload);
        return out.toByteArray();
    }

    /** A header only, for any declared length (the payload is not there). */
    static byte[] header(boolean fin, int rsv, int opcode, boolean masked, int key, long length) {
        byte[] full = frame(fin, rsv, opcode, masked, key, new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(full[0]);
        int maskBit = masked ? 0x80 : 0;
        if (length <= 125) {
            out.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >> 8) & 0xFF);
            out.write((int) length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            out.write(full, 2, 4);
        }
        return out.toByteArray();
    }

    /** XOR with the key, one byte at a time, starting at payload offset {@code position}. */
    static byte[] plainMask(byte[] data, int key, long position) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            int k = (int) ((position + i) % 4);
            out[i] ^= (byte) (key >>> (24 - 8 * k));
        }
        return out;
    }

    /** Raw bytes from ints, for hand-written wire input. */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A payload whose bytes depend on length and seed, so that misplaced bytes show. */
    static byte[] payload(int length, long seed) {
        byte[] b = new byte[length];
        new java.util.Random(seed * 31 + length).nextBytes(b);
        return b;
    }

    static String hex(byte[] b) {
        return b.length > 64 ? Arrays.toString(Arrays.copyOf(b, 64)) + "..." : Arrays.toString(b);
    }
}
