package dev.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Blocking frame I/O over streams, for a thread (or virtual thread) per connection. The
 * allocation-free forms take the caller's scratch arrays; {@link #readFrame} allocates the payload,
 * but never more than the limit it is given, whatever length the peer declares.
 */
public final class FrameIO {

    /** The largest payload {@link #readFrame} can return: the largest array a JVM reliably allocates. */
    static final int MAX_ARRAY_PAYLOAD = Integer.MAX_VALUE - 8;

    private FrameIO() {
    }

    /**
     * Reads and structurally validates one header (minimal length form, 64-bit length MSB clear) into
     * {@code out}. Protocol rules are left to {@link ProtocolChecks}.
     *
     * @param scratch at least {@link FrameHeader#MAX_HEADER_SIZE} bytes, reused by the caller
     * @return false on a clean end of stream before the first header byte
     * @throws EOFException when the stream ends inside the header
     */
    public static boolean readHeader(InputStream in, byte[] scratch, FrameHeader out) throws IOException {
        if (scratch.length < FrameHeader.MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("scratch needs " + FrameHeader.MAX_HEADER_SIZE + " bytes");
        }
        int first = in.read();
        if (first < 0) {
            return false;
        }
        scratch[0] = (byte) first;
        readFully(in, scratch, 1, 1);
        readFully(in, scratch, 2, HeaderParser.size(scratch[1]) - 2);
        HeaderParser.parse(scratch, 0, out);
        return true;
    }

    /** Writes a header with one {@code write} call. */
    public static void writeHeader(OutputStream out, FrameHeader h, byte[] scratch) throws IOException {
        int n = FrameEncoder.writeHeader(h, scratch, 0);
        out.write(scratch, 0, n);
    }

    /**
     * Reads one whole frame, checks it for {@code side} (no extensions) and returns it unmasked.
     *
     * @param maxPayload the largest payload accepted (capped at {@code Integer.MAX_VALUE - 8}, the
     *                   largest array); a larger declared length fails with
     *                   {@link MessageTooBigException} (1009) before anything is allocated
     * @return the frame, or null on a clean end of stream between frames
     */
    public static Frame readFrame(InputStream in, Side side, long maxPayload, boolean fragmented)
            throws IOException {
        return readFrame(in, side, maxPayload, fragmented, 0);
    }

    /**
     * {@link #readFrame(InputStream, Side, long, boolean)} on a connection with a negotiated
     * extension: the RSV bits in {@code allowedRsv} are let through (RSV1 for permessage-deflate),
     * on the first frame of a data message only (RFC 7692 §6,
     * {@link ProtocolChecks#checkCompressionBit}). The payload is returned as it came, still
     * compressed; {@code maxPayload} applies to it.
     */
    public static Frame readFrame(InputStream in, Side side, long maxPayload, boolean fragmented, int allowedRsv)
            throws IOException {
        FrameHeader h = new FrameHeader();
        if (!readHeader(in, new byte[FrameHeader.MAX_HEADER_SIZE], h)) {
            return null;
        }
        ProtocolChecks.checkHeader(h, side, allowedRsv & 0x7, fragmented);
        if (allowedRsv != 0) {
            ProtocolChecks.checkCompressionBit(h);
        }
        long limit = Math.min(maxPayload, MAX_ARRAY_PAYLOAD);
        if (h.length() > limit) {
            throw new MessageTooBigException("frame payload " + h.length() + " exceeds the limit of " + limit);
        }
        byte[] payload = new byte[(int) h.length()];
        readFully(in, payload, 0, payload.length);
        if (h.masked()) {
            Masking.apply(payload, 0, payload.length, h.maskKey(), 0);
        }
        return new Frame(h.fin(), h.rsv(), h.opCode(), ByteBuffer.wrap(payload));
    }

    /**
     * Writes a frame for {@code side} with a single {@code write} call, so that concurrent writers
     * that serialise on the stream never interleave a header and a payload. A client frame is masked
     * in a copy; the frame's payload is left untouched.
     */
    public static void writeFrame(OutputStream out, Frame frame, Side side, MaskGenerator masks) throws IOException {
        out.write(frame.compile(side, masks));
    }

    /** Reads exactly {@code length} bytes or throws {@link EOFException}. */
    public static void readFully(InputStream in, byte[] b, int offset, int length) throws IOException {
        int n = in.readNBytes(b, offset, length);
        if (n < length) {
            throw new EOFException("stream ended after " + n + " of " + length + " bytes");
        }
    }
}
