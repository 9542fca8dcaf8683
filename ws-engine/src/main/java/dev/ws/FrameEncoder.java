package dev.ws;

import java.nio.ByteBuffer;

/**
 * Encodes frames into the caller's buffers (RFC 6455 §5.2), always with the minimal length form.
 *
 * <p>The static methods write one header. An instance encodes whole frames and can be resumed:
 * {@link #begin} a frame, then call {@link #encode(ByteBuffer)} with as many output buffers as it
 * takes; a client-side encoder masks the payload while copying it, so the caller's payload is never
 * modified. Nothing is allocated per frame. Not thread-safe.
 */
public final class FrameEncoder {

    private final Side side;
    private final MaskGenerator masks;

    private final FrameHeader header = new FrameHeader();
    private final byte[] headerBytes = new byte[FrameHeader.MAX_HEADER_SIZE];
    private int headerSize;
    private int headerWritten;
    private ByteBuffer payload;
    private long payloadWritten;
    private boolean active;

    /** An encoder for a side: a client masks with keys from {@code masks}; a server never masks. */
    public FrameEncoder(Side side, MaskGenerator masks) {
        this.side = side;
        this.masks = masks;
    }

    /** A server-side encoder (frames are not masked). */
    public static FrameEncoder server() {
        return new FrameEncoder(Side.SERVER, null);
    }

    /** A client-side encoder masking with {@link MaskGenerator#secure()}. */
    public static FrameEncoder client() {
        return new FrameEncoder(Side.CLIENT, MaskGenerator.secure());
    }

    /**
     * Starts a frame whose payload is the bytes between {@code payload}'s position and limit. The
     * encoder reads them with absolute indexes and leaves the buffer untouched; the caller keeps it
     * unchanged until {@link #encode} returns true.
     */
    public FrameEncoder begin(int opcode, boolean fin, int rsv, ByteBuffer payload) {
        header.set(fin, rsv, opcode, payload.remaining());
        if (side.masksOutput()) {
            header.mask(masks.nextMask());
        }
        headerSize = writeHeader(header, headerBytes, 0);
        headerWritten = 0;
        this.payload = payload;
        payloadWritten = 0;
        active = true;
        return this;
    }

    /** The header of the frame being encoded. */
    public FrameHeader header() {
        return header;
    }

    /** Whether a frame was begun and is not yet completely encoded. */
    public boolean isActive() {
        return active;
    }

    /**
     * Writes as much of the current frame as fits into {@code dst} (from its position).
     *
     * @return true once the whole frame has been written
     */
    public boolean encode(ByteBuffer dst) {
        if (!active) {
            return true;
        }
        if (headerWritten < headerSize) {
            int n = Math.min(headerSize - headerWritten, dst.remaining());
            dst.put(headerBytes, headerWritten, n);
            headerWritten += n;
            if (headerWritten < headerSize) {
                return false;
            }
        }
        int total = payload.remaining();
        int n = (int) Math.min(total - payloadWritten, dst.remaining());
        if (n > 0) {
            int at = dst.position();
            dst.put(at, payload, payload.position() + (int) payloadWritten, n);
            if (header.masked()) {
                Masking.apply(dst, at, at + n, header.maskKey(), payloadWritten);
            }
            dst.position(at + n);
            payloadWritten += n;
        }
        if (payloadWritten == total) {
            active = false;
            payload = null;
            return true;
        }
        return false;
    }

    /** Writes a header at {@code dst}'s position and advances it; returns the bytes written. */
    public static int writeHeader(FrameHeader h, ByteBuffer dst) {
        return writeHeader(h.fin(), h.rsv(), h.opcode(), h.length(), h.masked(), h.maskKey(), dst);
    }

    /** Writes a header from its fields at {@code dst}'s position and advances it. */
    public static int writeHeader(boolean fin, int rsv, int opcode, long length,
                                  boolean masked, int maskKey, ByteBuffer dst) {
        int size = FrameHeader.encodedSize(length, masked);
        if (dst.remaining() < size) {
            throw new java.nio.BufferOverflowException();
        }
        int p = dst.position();
        dst.put(p, (byte) ((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF)));
        int maskBit = masked ? 0x80 : 0;
        int at = p + 2;
        if (length <= FrameHeader.MAX_7BIT_LENGTH) {
            dst.put(p + 1, (byte) (maskBit | (int) length));
        } else if (length <= FrameHeader.MAX_16BIT_LENGTH) {
            dst.put(p + 1, (byte) (maskBit | 126));
            dst.put(at, (byte) (length >>> 8)).put(at + 1, (byte) length);
            at += 2;
        } else {
            dst.put(p + 1, (byte) (maskBit | 127));
            for (int i = 0; i < 8; i++) {
                dst.put(at + i, (byte) (length >>> (56 - 8 * i)));
            }
            at += 8;
        }
        if (masked) {
            dst.put(at, (byte) (maskKey >>> 24)).put(at + 1, (byte) (maskKey >>> 16))
                    .put(at + 2, (byte) (maskKey >>> 8)).put(at + 3, (byte) maskKey);
        }
        dst.position(p + size);
        return size;
    }

    /** Writes a header into {@code dst} at {@code offset}; returns the bytes written. */
    public static int writeHeader(FrameHeader h, byte[] dst, int offset) {
        int size = h.encodedSize();
        if (dst.length - offset < size) {
            throw new ArrayIndexOutOfBoundsException("header needs " + size + " bytes, "
                    + (dst.length - offset) + " available");
        }
        long length = h.length();
        dst[offset] = (byte) ((h.fin() ? 0x80 : 0) | h.rsv() << 4 | h.opcode());
        int maskBit = h.masked() ? 0x80 : 0;
        int at = offset + 2;
        if (length <= FrameHeader.MAX_7BIT_LENGTH) {
            dst[offset + 1] = (byte) (maskBit | (int) length);
        } else if (length <= FrameHeader.MAX_16BIT_LENGTH) {
            dst[offset + 1] = (byte) (maskBit | 126);
            dst[at++] = (byte) (length >>> 8);
            dst[at++] = (byte) length;
        } else {
            dst[offset + 1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                dst[at++] = (byte) (length >>> (56 - 8 * i));
            }
        }
        if (h.masked()) {
            int key = h.maskKey();
            dst[at++] = (byte) (key >>> 24);
            dst[at++] = (byte) (key >>> 16);
            dst[at++] = (byte) (key >>> 8);
            dst[at] = (byte) key;
        }
        return size;
    }

    @Override
    public String toString() {
        return "FrameEncoder[" + side + (active ? ", " + header + " " + payloadWritten + " written" : ", idle") + "]";
    }
}
