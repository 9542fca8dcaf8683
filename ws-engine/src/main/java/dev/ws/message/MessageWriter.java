package dev.ws.message;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes one data message as a stream (RFC 6455 §5.4): bytes are buffered and go out as fragments.
 * <ul>
 *   <li>{@link #write} fills the buffer; when it is full and more bytes come, the buffer goes out
 *       as a non-final fragment;</li>
 *   <li>{@link #flush()} sends the buffered bytes as a non-final fragment (FIN=0), nothing when the
 *       buffer is empty: Java wrappers (writers, JSON generators) call {@code flush} freely, and
 *       that must not end the message;</li>
 *   <li>{@link #close()} sends the final frame (FIN=1) with what is left, possibly empty, and ends
 *       the message. Use try-with-resources.</li>
 * </ul>
 * Header room is reserved at the front of the buffer, so each fragment is one {@code write} of
 * header and payload; a client masks the payload in that buffer, in place (the caller's arrays are
 * only copied from).
 *
 * <p>Obtained from {@link FrameWriter#newMessage}. Not thread-safe: one thread writes a message from
 * its first byte to {@code close()}. From its first fragment until {@code close()} it holds its
 * {@link FrameWriter}'s message lock, so other threads' messages wait (their frames never interleave
 * with these fragments) while control frames still pass between fragments. A writer abandoned
 * without {@code close()} after its first fragment blocks every other message.
 */
public final class MessageWriter extends OutputStream {

    private final FrameWriter connection;
    private final int opcode;
    private final int rsv;       // RSV bits of the first fragment (an extension's, e.g. RSV1)
    private final byte[] buf;
    private final int reserve;   // header room in front of the payload
    private final int capacity;  // payload bytes per fragment
    private final FrameHeader header = new FrameHeader();
    private int count;           // buffered payload bytes, at [reserve, reserve + count)
    private boolean locked;      // holds the message lock: a first fragment went out
    private boolean closed;

    MessageWriter(FrameWriter connection, int opcode, int bufferSize, int rsv) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize " + bufferSize + " must be positive");
        }
        this.connection = connection;
        this.opcode = opcode;
        this.rsv = rsv;
        this.capacity = bufferSize;
        this.reserve = connection.headerRoom(bufferSize);
        this.buf = new byte[reserve + bufferSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == capacity) {
            send(false);
        }
        buf[reserve + count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (count == capacity) {
                send(false);
            }
            int n = Math.min(len, capacity - count);
            System.arraycopy(b, off, buf, reserve + count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends the buffered bytes as a non-final fragment (FIN=0); does nothing when none are buffered. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            send(false);
        }
    }

    /** Sends the final frame (FIN=1) and ends the message; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            send(true);
        }
    }

    /** Payload bytes buffered and not yet sent. */
    public int buffered() {
        return count;
    }

    private void send(boolean fin) throws IOException {
        boolean first = !locked;
        if (first) {
            connection.lockMessage();
            locked = true;
        }
        boolean release = fin;
        try {
            connection.writeFragment(buf, reserve, count, fin, first ? opcode : OpCode.OP_CONTINUATION,
                    first ? rsv : 0, header);
            count = 0;
        } catch (IOException | RuntimeException e) {
            closed = true;
            release = true;
            throw e;
        } finally {
            if (release) {
                locked = false;
                connection.unlockMessage();
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the message writer is closed");
        }
    }

    @Override
    public String toString() {
        return "MessageWriter[" + OpCode.of(opcode) + (rsv != 0 ? " rsv=" + rsv : "") + ", " + count + "/" + capacity + " buffered"
                + (locked ? ", fragments sent" : "") + (closed ? ", closed" : "") + "]";
    }
}
