package dev.ws.deflate;

import dev.ws.FrameHeader;
import dev.ws.deflate.internal.BoundedPool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Compresses one connection's outgoing messages (RFC 7692 §7.2.1): each message is deflated and
 * sync-flushed, and the trailing {@code 00 00 FF FF} is removed. The caller sends the result as
 * the message's payload, split into frames as it likes, with {@link #RSV} (RSV1) set on the
 * <b>first frame only</b> (RFC 7692 §6); a message sent uncompressed has RSV1 clear, which is always
 * allowed (see {@link #shouldCompress}).
 *
 * <p>Without context takeover the compressor is borrowed from the shared pool for one message and
 * returned reset, so an idle connection holds no native memory; with context takeover it is kept
 * until {@link #close()}. Not thread-safe: calls (including {@code close}) must not overlap; the
 * session's write lock orders them.
 */
public final class MessageDeflater implements AutoCloseable {

    /** The bit to set on the first frame of a compressed message. */
    public static final int RSV = FrameHeader.RSV1;

    /** Bytes withheld from chunked output until the end, so that the 4-byte tail can be removed
     * and the last chunk is never empty. */
    static final int HOLD = 5;

    private final BoundedPool<CompressorSlot> pool;
    private final boolean resetEachMessage;
    private final int threshold;
    private CompressorSlot held;
    private boolean closed;

    MessageDeflater(BoundedPool<CompressorSlot> pool, boolean resetEachMessage, int threshold) {
        this.pool = pool;
        this.resetEachMessage = resetEachMessage;
        this.threshold = threshold;
    }

    /**
     * Whether a message of this length should be compressed (at least the configured threshold);
     * smaller ones go out as they are, with RSV1 clear.
     */
    public boolean shouldCompress(long length) {
        return length >= threshold;
    }

    /**
     * The most bytes {@link #compress(ByteBuffer, ByteBuffer)} writes for a message of
     * {@code length} bytes: incompressible data grows by a few bytes per stored block (zlib's
     * {@code deflateBound} plus the sync flush, with room to spare).
     */
    public static int maxCompressedLength(int length) {
        return Math.addExact(length, 6 * ((length >>> 12) + 1) + 32);
    }

    /**
     * Compresses the remaining bytes of {@code message} into {@code dst}, which must have
     * {@link #maxCompressedLength} room. Allocates nothing. The message's position moves to its limit,
     * dst's past the compressed bytes.
     *
     * @return the compressed length (at least 1)
     * @throws IllegalArgumentException when dst has too little room (nothing is consumed then)
     */
    public int compress(ByteBuffer message, ByteBuffer dst) {
        int bound = maxCompressedLength(message.remaining());
        if (dst.remaining() < bound) {
            throw new IllegalArgumentException("destination has " + dst.remaining() + " bytes of room; a message of "
                    + message.remaining() + " bytes may compress to " + bound);
        }
        CompressorSlot slot = acquire();
        boolean ok = false;
        try {
            int start = dst.position();
            if (!slot.compressor.compress(message, dst, true)) {
                throw new IllegalStateException("compressor wrote more than maxCompressedLength(" + bound + ")");
            }
            int n = endMessage(dst, start);
            ok = true;
            return n;
        } finally {
            release(slot, ok);
        }
    }

    /** Compresses a whole message into a new array (convenience: allocates the result). */
    public byte[] compress(byte[] message, int offset, int length) {
        ByteBuffer dst = ByteBuffer.allocate(maxCompressedLength(length));
        compress(ByteBuffer.wrap(message, offset, length), dst);
        byte[] out = new byte[dst.position()];
        dst.flip().get(out);
        return out;
    }

    /** Receives compressed bytes in order; the buffer is only valid during the call. */
    @FunctionalInterface
    public interface ChunkSink {

        /**
         * @param chunk the next compressed bytes, from its position to its limit
         * @param last  true exactly once, on the final chunk, which is never empty
         */
        void accept(ByteBuffer chunk, boolean last) throws IOException;
    }

    /**
     * Compresses a whole message and hands the result to {@code sink} in chunks of at most 8 KiB, for
     * a caller that frames large messages without a buffer of the whole compressed size (each chunk
     * may become a frame: RSV1 on the first, FIN on the last). Allocates nothing once warm.
     */
    public void compress(ByteBuffer message, ChunkSink sink) throws IOException {
        CompressorSlot slot = acquire();
        boolean ok = false;
        try {
            ByteBuffer scratch = slot.scratch();
            while (!slot.compressor.compress(message, scratch, true)) {
                handOnHeld(scratch, sink);
            }
            endMessage(scratch, 0);
            scratch.flip();
            sink.accept(scratch, true);
            ok = true;
        } finally {
            release(slot, ok);
        }
    }

    /**
     * A stream that compresses one message into {@code messageStream}, for blocking writers. The
     * caller opens {@code messageStream} as a message with RSV1 on its first frame (for example
     * {@code frameWriter.newMessage(opcode, bufferSize, MessageDeflater.RSV)}); closing the returned stream ends the
     * compressed data and then closes {@code messageStream}. {@code flush()} sync-flushes what was
     * written so far and flushes {@code messageStream} (it costs a few bytes; call it for latency, not
     * per write). The compressor is held until the stream is closed.
     */
    public OutputStream newOutputStream(OutputStream messageStream) {
        return new DeflateOutputStream(this, messageStream);
    }

    /**
     * Ends a compressed message in {@code buf[start, position)}: removes the sync flush's
     * {@code 00 00 FF FF}, or writes {@code 00} when the compressor had nothing to flush (an empty
     * stored block's first byte; the receiver's appended tail completes it, RFC 7692 §7.2.3.6).
     *
     * @return the message's compressed length from {@code start}
     */
    static int endMessage(ByteBuffer buf, int start) {
        int end = buf.position();
        if (end == start) {
            buf.put((byte) 0);
            return 1;
        }
        if (end - start < HOLD || buf.get(end - 4) != 0 || buf.get(end - 3) != 0
                || buf.get(end - 2) != (byte) 0xFF || buf.get(end - 1) != (byte) 0xFF) {
            throw new IllegalStateException("compressor output does not end with a sync flush (00 00 FF FF)");
        }
        buf.position(end - 4);
        return end - 4 - start;
    }

    /** Hands on all but the last {@link #HOLD} bytes of a full scratch and keeps those at its start. */
    static void handOnHeld(ByteBuffer scratch, ChunkSink sink) throws IOException {
        int filled = scratch.position();
        int n = filled - HOLD;
        scratch.position(0).limit(n);
        sink.accept(scratch, false);
        scratch.clear();
        System.arraycopy(scratch.array(), n, scratch.array(), 0, HOLD);
        scratch.position(HOLD);
    }

    CompressorSlot acquire() {
        if (closed) {
            throw new IllegalStateException("deflater closed");
        }
        if (held != null) {
            return held;
        }
        CompressorSlot slot = pool.acquire();
        if (!resetEachMessage) {
            held = slot;
        }
        return slot;
    }

    /** After a message: back to the pool reset (no context takeover), kept, or ended when broken. */
    void release(CompressorSlot slot, boolean ok) {
        if (!ok) {
            if (slot == held) {
                held = null;
            }
            pool.discard(slot);
        } else if (resetEachMessage) {
            slot.compressor.reset();
            pool.release(slot);
        }
    }

    /** Whether the compressor is reset after each message (no context takeover). */
    public boolean resetsContext() {
        return resetEachMessage;
    }

    /** Returns a kept compressor to the pool; further use fails. Idempotent. */
    @Override
    public void close() {
        closed = true;
        CompressorSlot slot = held;
        held = null;
        if (slot != null) {
            slot.compressor.reset();
            pool.release(slot);
        }
    }

    @Override
    public String toString() {
        return "MessageDeflater[" + (resetEachMessage ? "no context takeover" : "context takeover")
                + (held != null ? ", holding " + held.compressor : "") + (closed ? ", closed" : "") + "]";
    }
}
