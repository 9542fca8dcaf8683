package dev.ws;

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
            length = (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
            at += 2;
            if (length <= FrameHeader.MAX_7BIT_LENGTH) {
                throw new ProtocolErrorException("non-minimal length encoding: " + length + " in 16 bits");
            }
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | (b[at + i] & 0xFF);
            }
            at += 8;
            if (length < 0) {
                throw new ProtocolErrorException("64-bit payload length with the most significant bit set: 0x"
                        + Long.toHexString(length));
            }
            if (length <= FrameHeader.MAX_16BIT_LENGTH) {
                throw new ProtocolErrorException("non-minimal length encoding: " + length + " in 64 bits");
            }
        }
        out.set((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, length);
        if ((b1 & 0x80) != 0) {
            out.mask((b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF));
        }
    }
}
