package dev.ws;

/**
 * A frame header (RFC 6455 §5.2), mutable so that one instance is reused for every frame of a
 * connection: decoding fills it, encoding reads it, nothing is allocated per frame.
 *
 * <p>The RSV bits are kept right-aligned as on the wire: {@link #RSV1} = 0x4, {@link #RSV2} = 0x2,
 * {@link #RSV3} = 0x1. The mask is the 4 key bytes read as a big-endian {@code int}, so key byte 0
 * is the most significant byte. Not thread-safe.
 */
public final class FrameHeader {

    /** The shortest header: one byte of flags and opcode, one of mask bit and length. */
    public static final int MIN_HEADER_SIZE = 2;
    /** The longest header: 2 + 8 bytes of extended length + 4 bytes of mask. */
    public static final int MAX_HEADER_SIZE = 14;
    /** Control frames carry at most 125 payload bytes (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** Largest length of the 7-bit form; 126 and 127 announce 16- and 64-bit lengths. */
    public static final int MAX_7BIT_LENGTH = 125;
    public static final int MAX_16BIT_LENGTH = 0xFFFF;

    public static final int RSV1 = 0x4;
    public static final int RSV2 = 0x2;
    public static final int RSV3 = 0x1;

    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int mask;
    private long length;

    public FrameHeader() {
    }

    /** Sets every field of an unmasked header and returns this. */
    public FrameHeader set(boolean fin, int rsv, int opcode, long length) {
        this.fin = fin;
        this.rsv = rsv & 0x7;
        this.opcode = opcode & 0xF;
        this.length = length;
        this.masked = false;
        this.mask = 0;
        return this;
    }

    /** Sets the mask key and the mask bit, and returns this. */
    public FrameHeader mask(int key) {
        this.masked = true;
        this.mask = key;
        return this;
    }

    /** Clears the mask bit and key, and returns this. */
    public FrameHeader unmasked() {
        this.masked = false;
        this.mask = 0;
        return this;
    }

    /** Copies every field of another header into this one. */
    public FrameHeader copyFrom(FrameHeader other) {
        this.fin = other.fin;
        this.rsv = other.rsv;
        this.opcode = other.opcode;
        this.masked = other.masked;
        this.mask = other.mask;
        this.length = other.length;
        return this;
    }

    public boolean fin() {
        return fin;
    }

    public FrameHeader fin(boolean fin) {
        this.fin = fin;
        return this;
    }

    /** The three RSV bits, right-aligned (RSV1 = 0x4). */
    public int rsv() {
        return rsv;
    }

    public FrameHeader rsv(int rsv) {
        this.rsv = rsv & 0x7;
        return this;
    }

    public boolean rsv1() {
        return (rsv & RSV1) != 0;
    }

    /** The raw 4-bit opcode (reserved values included). */
    public int opcode() {
        return opcode;
    }

    /** The opcode as an enum constant, or null when it is reserved. */
    public OpCode opCode() {
        return OpCode.of(opcode);
    }

    public boolean isControl() {
        return OpCode.isControl(opcode);
    }

    public boolean masked() {
        return masked;
    }

    /** The mask key, big-endian (key byte 0 is the most significant byte); 0 when unmasked. */
    public int maskKey() {
        return mask;
    }

    /** The payload length. */
    public long length() {
        return length;
    }

    public FrameHeader length(long length) {
        this.length = length;
        return this;
    }

    /** The encoded size of this header: 2, 4 or 10 bytes, plus 4 when masked. */
    public int encodedSize() {
        return encodedSize(length, masked);
    }

    /** The encoded size of a header for a payload length, using the minimal length form. */
    public static int encodedSize(long length, boolean masked) {
        int size = length <= MAX_7BIT_LENGTH ? 2 : length <= MAX_16BIT_LENGTH ? 4 : 10;
        return masked ? size + 4 : size;
    }

    @Override
    public String toString() {
        OpCode op = opCode();
        return "FrameHeader[" + (op == null ? "reserved 0x" + Integer.toHexString(opcode) : op)
                + (fin ? " fin" : "") + (rsv != 0 ? " rsv=" + rsv : "")
                + (masked ? " mask=" + String.format("%08x", mask) : "") + " length=" + length + "]";
    }
}
