package dev.ws;

import java.nio.ByteBuffer;

/**
 * A sans-I/O frame decoder (RFC 6455 §5.2): feed it whatever bytes have arrived, in any chunks;
 * it stops wherever the input ends, inside a header or a payload, and resumes on the next call.
 *
 * <p>Each call of {@link #decode(ByteBuffer)} returns one event:
 * <pre>
 *   stream  := frame*
 *   frame   := HEADER PAYLOAD* FRAME_END      (NEED_MORE may come between any two events)
 * </pre>
 * <ul>
 *   <li>{@link #HEADER}: {@link #header()} holds a header that passed {@link ProtocolChecks} and the
 *       frame size limit;</li>
 *   <li>{@link #PAYLOAD}: the bytes {@code [payloadStart(), payloadEnd())} of the input buffer are
 *       the next chunk of the payload, <b>unmasked in place</b>; the input's position is past them.
 *       They are a view: copy them before the buffer is reused;</li>
 *   <li>{@link #FRAME_END}: the frame is complete; {@link #header()} still describes it;</li>
 *   <li>{@link #NEED_MORE}: every byte of the input was consumed (a partial header is kept inside).</li>
 * </ul>
 *
 * <p>The decoder tracks fragmentation from the FIN bit of data frames so continuation rules are
 * checked. It allocates nothing after construction and never allocates what a peer declares.
 * Not thread-safe: one decoder per connection.
 */
public final class FrameDecoder {

    public static final int NEED_MORE = 0;
    public static final int HEADER = 1;
    public static final int PAYLOAD = 2;
    public static final int FRAME_END = 3;

    private static final int IN_HEADER = 0;
    private static final int IN_PAYLOAD = 1;
    private static final int AT_END = 2;

    private final Side side;
    private final long maxFramePayload;
    private int allowedRsv;

    private final FrameHeader header = new FrameHeader();
    private final byte[] scratch = new byte[FrameHeader.MAX_HEADER_SIZE];
    private int scratchLength;

    private int state = IN_HEADER;
    private boolean fragmented;
    private long payloadPosition;
    private long chunkOffset;
    private int payloadStart;
    private int payloadEnd;

    /**
     * @param side            the side that receives (decides which frames must be masked)
     * @param maxFramePayload the largest payload accepted in one frame; a larger declared length
     *                        fails with {@link MessageTooBigException} (1009) before any payload byte
     *                        is read
     */
    public FrameDecoder(Side side, long maxFramePayload) {
        if (maxFramePayload < FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayload " + maxFramePayload + " must be at least 125");
        }
        this.side = side;
        this.maxFramePayload = maxFramePayload;
    }

    /** Sets the RSV bits that negotiated extensions may use (RSV1 for permessage-deflate). */
    public void allowedRsv(int rsvBits) {
        this.allowedRsv = rsvBits & 0x7;
    }

    public int allowedRsv() {
        return allowedRsv;
    }

    /** The header of the current frame: valid from its {@link #HEADER} event to the next one. */
    public FrameHeader header() {
        return header;
    }

    /** Start (absolute index in the input buffer) of the chunk of the last {@link #PAYLOAD} event. */
    public int payloadStart() {
        return payloadStart;
    }

    /** End (exclusive) of the chunk of the last {@link #PAYLOAD} event. */
    public int payloadEnd() {
        return payloadEnd;
    }

    /** Payload bytes of the current frame that came before the last chunk. */
    public long chunkOffset() {
        return chunkOffset;
    }

    /** Payload bytes of the current frame not yet returned. */
    public long payloadRemaining() {
        return state == IN_PAYLOAD ? header.length() - payloadPosition : 0;
    }

    /** Whether a fragmented data message is in progress (its final frame not yet decoded). */
    public boolean fragmented() {
        return fragmented;
    }

    /** Whether the decoder stands between two frames, holding no partial header. */
    public boolean isIdle() {
        return state == IN_HEADER && scratchLength == 0;
    }

    /** Decodes the next event from {@code in} (see the class comment). */
    public int decode(ByteBuffer in) throws WebSocketException {
        switch (state) {
            case IN_HEADER:
                if (!readHeader(in)) {
                    return NEED_MORE;
                }
                ProtocolChecks.checkHeader(header, side, allowedRsv, fragmented);
                if (header.length() > maxFramePayload) {
                    throw new MessageTooBigException("frame payload " + header.length()
                            + " exceeds the limit of " + maxFramePayload);
                }
                if (!header.isControl()) {
                    fragmented = !header.fin();
                }
                payloadPosition = 0;
                state = header.length() == 0 ? AT_END : IN_PAYLOAD;
                return HEADER;
            case IN_PAYLOAD:
                int available = in.remaining();
                if (available == 0) {
                    return NEED_MORE;
                }
                int n = (int) Math.min(available, header.length() - payloadPosition);
                payloadStart = in.position();
                payloadEnd = payloadStart + n;
                if (header.masked()) {
                    Masking.apply(in, payloadStart, payloadEnd, header.maskKey(), payloadPosition);
                }
                in.position(payloadEnd);
                chunkOffset = payloadPosition;
                payloadPosition += n;
                if (payloadPosition == header.length()) {
                    state = AT_END;
                }
                return PAYLOAD;
            default:
                state = IN_HEADER;
                return FRAME_END;
        }
    }

    /** Forgets any partial frame and the fragmentation state, e.g. to reuse the decoder. */
    public void reset() {
        state = IN_HEADER;
        scratchLength = 0;
        fragmented = false;
        payloadPosition = 0;
    }

    /** Reads a whole header, from {@code in} directly or through the scratch array. */
    private boolean readHeader(ByteBuffer in) throws ProtocolErrorException {
        int p = in.position();
        int available = in.limit() - p;
        if (scratchLength == 0 && available >= FrameHeader.MIN_HEADER_SIZE) {
            int size = in.hasArray() // in place, if all of it is there
                    ? HeaderParser.parse(in.array(), in.arrayOffset() + p, available, header)
                    : HeaderParser.parse(in, p, available, header);
            if (size != 0) {
                in.position(p + size);
                return true;
            }
        }
        // Slow path: the header is cut by the end of the input.
        if (scratchLength < FrameHeader.MIN_HEADER_SIZE) {
            scratchLength += take(in, FrameHeader.MIN_HEADER_SIZE - scratchLength);
            if (scratchLength < FrameHeader.MIN_HEADER_SIZE) {
                return false;
            }
        }
        int size = HeaderParser.size(scratch[1]);
        scratchLength += take(in, size - scratchLength);
        if (scratchLength < size) {
            return false;
        }
        HeaderParser.parse(scratch, 0, header);
        scratchLength = 0;
        return true;
    }

    private int take(ByteBuffer in, int wanted) {
        int n = Math.min(wanted, in.remaining());
        in.get(scratch, scratchLength, n);
        return n;
    }

    @Override
    public String toString() {
        return "FrameDecoder[" + (state == IN_HEADER ? "header, " + scratchLength + " bytes kept"
                : state == IN_PAYLOAD ? "payload " + payloadPosition + "/" + header.length() : "frame end")
                + (fragmented ? ", fragmented" : "") + "]";
    }
}
