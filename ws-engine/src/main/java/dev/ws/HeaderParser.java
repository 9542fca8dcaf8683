package dev.ws;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses an encoded frame header (RFC 6455 §5.2) and applies the structural rules that decide
 * whether a length can be read at all: the minimal length form and a clear 64-bit MSB.
 */
final class HeaderParser {

    private HeaderParser() {
    }

    /** The header size announced by the second header byte (mask bit and 7-bit length). */
    static int size(byte second) {
        int len7 = second & 0x7F;
        int size = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        return (second & 0x80) != 0 ? size + 4 : size;
    }

    /** Parses the complete header at {@code b[off]} into {@code out}. */
    static void parse(byte[] b, int off, FrameHeader out) throws ProtocolErrorException {
        int b0 = b[off];
        int b1 = b[off + 1];
        long length = b1 & 0x7F;
        int at = off + 2;
        if (length == 126) {
            length = checked16((b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF));
            at += 2;
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | (b[at + i] & 0xFF);
            }
            length = checked64(length);
            at += 8;
        }
        out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length);
        if ((b1 & 0x80) != 0) {
            out.mask((b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF));
        }
    }

    /**
     * Parses the complete header at absolute index {@code off} of a heap or direct buffer into
     * {@code out}, reading multi-byte fields whole (the wire is big-endian, whatever the buffer's
     * order); the buffer's position is left alone.
     */
    static void parse(ByteBuffer b, int off, FrameHeader out) throws ProtocolErrorException {
        int b0 = b.get(off);
        int b1 = b.get(off + 1);
        boolean swap = b.order() != ByteOrder.BIG_ENDIAN;
        long length = b1 & 0x7F;
        int at = off + 2;
        if (length == 126) {
            short v = b.getShort(at);
            length = checked16((swap ? Short.reverseBytes(v) : v) & 0xFFFF);
            at += 2;
        } else if (length == 127) {
            long v = b.getLong(at);
            length = checked64(swap ? Long.reverseBytes(v) : v);
            at += 8;
        }
        out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length);
        if ((b1 & 0x80) != 0) {
            int key = b.getInt(at);
            out.mask(swap ? Integer.reverseBytes(key) : key);
        }
    }

    /** A 16-bit length must need 16 bits (RFC 6455 §5.2: the minimal number of bytes). */
    private static int checked16(int length) throws ProtocolErrorException {
        if (length <= FrameHeader.MAX_7BIT_LENGTH) {
            throw new ProtocolErrorException("non-minimal length encoding: " + length + " in 16 bits");
        }
        return length;
    }

    /** A 64-bit length must need 64 bits and keep its most significant bit clear (RFC 6455 §5.2). */
    private static long checked64(long length) throws ProtocolErrorException {
        if (length < 0) {
            throw new ProtocolErrorException("64-bit payload length with the most significant bit set: 0x"
                    + Long.toHexString(length));
        }
        if (length <= FrameHeader.MAX_16BIT_LENGTH) {
            throw new ProtocolErrorException("non-minimal length encoding: " + length + " in 64 bits");
        }
        return length;
    }
}
