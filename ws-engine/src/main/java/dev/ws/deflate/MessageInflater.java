package dev.ws.deflate;

import dev.ws.FrameHeader;
import dev.ws.InvalidPayloadException;
import dev.ws.MessageTooBigException;
import dev.ws.ProtocolChecks;
import dev.ws.WebSocketException;
import dev.ws.deflate.internal.BoundedPool;
import dev.ws.message.InboundExtension;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Inflates one connection's received messages (RFC 7692 §7.2.2): the message layer's
 * {@link InboundExtension} for permessage-deflate. A message whose first frame has RSV1 is
 * inflated with {@code 00 00 FF FF} appended; other data messages pass through untouched.
 *
 * <p>Memory stays flat whatever the peer sends: output is produced into an 8 KiB scratch and handed
 * on piece by piece, and a message never produces more than the {@code maxOutput} it is allowed:
 * one byte more and it fails with {@link MessageTooBigException} (1009) before that byte is handed
 * on, so a decompression bomb costs the scratch and nothing else. Data that is not DEFLATE fails
 * with {@link InvalidPayloadException} (1007).
 *
 * <p>Without context takeover the decompressor is borrowed from the shared pool for one message
 * and returned reset; with it, kept until {@link #close()}. A message whose inflation failed ends
 * its decompressor. One thread at a time, as {@link InboundExtension} says.
 */
public final class MessageInflater implements InboundExtension {

    private final BoundedPool<DecompressorSlot> pool;
    private final boolean resetEachMessage;
    private DecompressorSlot slot;
    private boolean inMessage;
    /** Compressed bytes seen in the current message. */
    private long compressedLength;
    /** A final block (BFINAL) ended the current message's DEFLATE data. */
    private boolean finalBlockSeen;
    private boolean closed;

    MessageInflater(BoundedPool<DecompressorSlot> pool, boolean resetEachMessage) {
        this.pool = pool;
        this.resetEachMessage = resetEachMessage;
    }

    @Override
    public int rsvBits() {
        return FrameHeader.RSV1;
    }

    /**
     * Checks the compression bit (RFC 7692 §6, via {@link ProtocolChecks#checkCompressionBit}) and
     * starts inflating when it is set on this first frame of a data message.
     *
     * @throws dev.ws.ProtocolErrorException (1002) when RSV1 is set on a control or continuation
     *                                       frame
     */
    @Override
    public boolean startMessage(FrameHeader first) throws WebSocketException {
        ProtocolChecks.checkCompressionBit(first);
        if (!first.rsv1()) {
            return false;
        }
        begin();
        return true;
    }

    @Override
    public void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out) throws WebSocketException {
        if (!inMessage) {
            throw new IllegalStateException("transform() without startMessage()");
        }
        DecompressorSlot s = slot;
        boolean ok = false;
        try {
            long budget = Math.max(0, maxOutput);
            if (chunk.hasRemaining()) {
                if (finalBlockSeen) {
                    throw new InvalidPayloadException("data after the final DEFLATE block of a compressed message");
                }
                compressedLength += chunk.remaining();
                s.decompressor.setInput(chunk);
                budget = pump(s, budget, out);
                checkAfterFinalBlock(s, chunk);
            }
            if (last) {
                // An empty compressed payload is an empty message: appending the tail alone would
                // leave the decompressor inside a stored block.
                if (compressedLength > 0 && !finalBlockSeen) {
                    s.decompressor.setInput(s.tail());
                    pump(s, budget, out);
                }
                end(true);
            }
            ok = true;
        } finally {
            if (!ok) {
                end(false);
            }
        }
    }

    /**
     * A stream of one compressed message's inflated bytes, for blocking readers. The caller has seen
     * RSV1 on the message's first frame (and called {@link ProtocolChecks#checkCompressionBit} on each
     * frame, as a {@link dev.ws.message.MessageReader} with {@code allowedRsv(RSV1)} does, whose
     * {@code MessageInputStream} can be passed here); the caller checks inflated text as UTF-8;
     * {@code compressedPayload} returns the message's payload and -1 at its end. Reading fails
     * with {@link MessageTooBigException} past {@code maxSize} inflated bytes and with
     * {@link InvalidPayloadException} on bad data. Close it (or read to -1) before the next message.
     */
    public InputStream newInputStream(InputStream compressedPayload, long maxSize) {
        begin();
        return new InflateInputStream(this, compressedPayload, maxSize);
    }

    /** Hands on everything the decompressor makes from its input; returns the budget left. */
    private static long pump(DecompressorSlot s, long budget, Sink out) throws WebSocketException {
        Decompressor d = s.decompressor;
        ByteBuffer o = s.scratch;
        while (true) {
            o.clear();
            int room = budget >= o.capacity() ? o.capacity() : (int) budget + 1;
            o.limit(room);
            int n = d.decompress(o);
            if (n > budget) {
                throw tooBig(budget);
            }
            if (n > 0) {
                o.flip();
                out.accept(o);
                budget -= n;
            }
            if (n < room) {
                if (!d.needsInput() && !d.finished()) {
                    throw new InvalidPayloadException("DEFLATE data asks for a preset dictionary");
                }
                return budget;
            }
        }
    }

    static MessageTooBigException tooBig(long budget) {
        return new MessageTooBigException("inflated message exceeds its size limit (" + budget
                + " more bytes were allowed)");
    }

    /** Notes a final block (BFINAL) once the decompressor finished; input left over is an error. */
    void checkAfterFinalBlock(DecompressorSlot s, ByteBuffer input) throws InvalidPayloadException {
        if (s.decompressor.finished()) {
            finalBlockSeen = true;
            if (input != null && input.hasRemaining()) {
                throw new InvalidPayloadException("data after the final DEFLATE block of a compressed message");
            }
        }
    }

    DecompressorSlot slot() {
        return slot;
    }

    boolean finalBlockSeen() {
        return finalBlockSeen;
    }

    void countCompressed(int n) {
        compressedLength += n;
    }

    long compressedLength() {
        return compressedLength;
    }

    void begin() {
        if (closed) {
            throw new IllegalStateException("inflater closed");
        }
        if (inMessage) {
            throw new IllegalStateException("a compressed message is already being inflated");
        }
        if (slot == null) {
            slot = pool.acquire();
        }
        inMessage = true;
        compressedLength = 0;
        finalBlockSeen = false;
    }

    /** Ends the message: the decompressor goes back reset, stays (context takeover), or ends. */
    void end(boolean ok) {
        if (!inMessage) {
            return;
        }
        inMessage = false;
        DecompressorSlot s = slot;
        if (!ok) {
            slot = null;
            pool.discard(s);
        } else if (resetEachMessage) {
            slot = null;
            s.decompressor.reset();
            pool.release(s);
        } else if (finalBlockSeen || s.decompressor.finished()) {
            // The peer ended its stream with a final block (RFC 7692 §7.2.3.4), possibly completed by
            // the appended tail: its next message starts a new stream.
            s.decompressor.reset();
        }
    }

    /** Whether the decompressor is reset after each message (the peer takes no context over). */
    public boolean resetsContext() {
        return resetEachMessage;
    }

    /** Returns or ends the decompressor (ends it when a message was cut short). Idempotent. */
    @Override
    public void close() {
        if (inMessage) {
            end(false);
        }
        closed = true;
        DecompressorSlot s = slot;
        slot = null;
        if (s != null) {
            s.decompressor.reset();
            pool.release(s);
        }
    }

    @Override
    public String toString() {
        return "MessageInflater[" + (resetEachMessage ? "no context takeover" : "context takeover")
                + (inMessage ? ", in a message after " + compressedLength + " compressed bytes" : "")
                + (slot != null ? ", holding " + slot.decompressor : "") + (closed ? ", closed" : "") + "]";
    }
}
