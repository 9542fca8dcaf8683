package dev.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses an encoded frame header (RFC 6455 §5.2) and applies the structural rules that decide
 * whether a length can be read at all: the minimal length form and a clear 64-bit MSB.
 */
final class HeaderParser {

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
     * Parses the header at {@code b[off]} if all of it is among the {@code available} bytes there,
     * reading multi-byte fields whole.
     *
     * @param available bytes readable from {@code off}, at least {@link FrameHeader#MIN_HEADER_SIZE}
     * @return the header's size, or 0 when it is not complete ({@code out} is then untouched)
     */
    static int parse(byte[] b, int off, int available, FrameHeader out) throws ProtocolErrorException {
        assert available >= FrameHeader.MIN_HEADER_SIZE;
        int b0 = b[off];
        int b1 = b[off + 1];
        int size = size((byte) b1);
        if (available < size) {
            return 0;
        }
        long length = b1 & 0x7F;
        int at = off + 2;
        if (length == 126) {
            length = checked16((short) SHORT_BE.get(b, at) & 0xFFFF);
            at += 2;
        } else if (length == 127) {
            length = checked64((long) LONG_BE.get(b, at));
            at += 8;
        }
        if (b1 < 0) { // masked: read the key first so that each header field is stored once
            out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length).mask((int) INT_BE.get(b, at));
        } else {
            out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length);
        }
        return size;
    }

    /**
     * Parses the header at absolute index {@code off} of a direct buffer into {@code out}
     * if all of it is among the {@code available} bytes there, reading multi-byte fields whole (the
     * wire is big-endian, whatever the buffer's order); the buffer's position is left alone.
     *
     * @param available bytes readable from {@code off}, at least {@link FrameHeader#MIN_HEADER_SIZE}
     * @return the header's size, or 0 when it is not complete ({@code out} is then untouched)
     */
    static int parse(ByteBuffer b, int off, int available, FrameHeader out) throws ProtocolErrorException {
        assert available >= FrameHeader.MIN_HEADER_SIZE;
        int b0 = b.get(off);
        int b1 = b.get(off + 1);
        int size = size((byte) b1);
        if (available < size) {
            return 0;
        }
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
        if (b1 < 0) { // masked: read the key first so that each header field is stored once
            int key = b.getInt(at);
            out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length).mask(swap ? Integer.reverseBytes(key) : key);
        } else {
            out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length);
        }
        return size;
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
