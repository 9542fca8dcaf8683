package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.MaskGenerator;
import dev.ws.Masking;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a blocking connection (RFC 6455 §5): writes whole messages, opens
 * {@link MessageWriter}s for messages sent in fragments, and writes control frames. Safe to use
 * from many threads at once:
 * <ul>
 *   <li>every frame goes out in one {@code write} under a frame lock, so frames never interleave;</li>
 *   <li>a data message holds a message lock from its first frame to its final one, so the fragments
 *       of two messages never interleave; control frames take only the frame lock, so a pong can go
 *       out between the fragments of a message another thread is writing (§5.4).</li>
 * </ul>
 * Locks are {@link ReentrantLock}s, so waiting virtual threads do not pin their carrier.
 *
 * <p>Control frames are final and carry at most 125 bytes <b>by construction</b>: the payload is
 * checked before anything is written (the fragmented-ping defect of gobwas's ControlWriter cannot
 * happen). A client masks each frame with a fresh key from its {@link MaskGenerator}, in a copy or in
 * the writer's own buffer: caller arrays are never modified. The underlying stream is flushed after
 * every frame. After a close frame was sent, data frames are refused (§5.5.1); after a failed write
 * (a frame may be cut on the wire) every later write fails.
 */
public final class FrameWriter {

    /** The buffer size of {@link #newMessage(OpCode)}: payload bytes per fragment. */
    public static final int DEFAULT_BUFFER_SIZE = 4096;
    /** Whole messages up to this size are copied behind their header and written at once. */
    private static final int SINGLE_WRITE_LIMIT = 64 * 1024;

    private final OutputStream out;
    private final Side side;
    private final MaskGenerator masks;
    private final ReentrantLock frameLock = new ReentrantLock();
    private final ReentrantLock messageLock = new ReentrantLock();
    // Guarded by frameLock: a whole control frame is built here and written at once.
    private final byte[] controlFrame = new byte[FrameHeader.MAX_HEADER_SIZE + FrameHeader.MAX_CONTROL_PAYLOAD];
    private final FrameHeader controlHeader = new FrameHeader();
    private volatile boolean closeSent;
    private volatile IOException failure;

    /**
     * @param out   the connection's output; this writer must be its only user
     * @param side  the side that sends: a client masks its frames
     * @param masks mask keys for a client (ignored for a server; may then be null)
     */
    public FrameWriter(OutputStream out, Side side, MaskGenerator masks) {
        this.out = Objects.requireNonNull(out, "out");
        this.side = Objects.requireNonNull(side, "side");
        this.masks = side.masksOutput() ? Objects.requireNonNull(masks, "masks") : null;
    }

    /** A server-side writer (frames unmasked). */
    public static FrameWriter server(OutputStream out) {
        return new FrameWriter(out, Side.SERVER, null);
    }

    /** A client-side writer masking with {@link MaskGenerator#secure()}. */
    public static FrameWriter client(OutputStream out) {
        return new FrameWriter(out, Side.CLIENT, MaskGenerator.secure());
    }

    public Side side() {
        return side;
    }

    /** A writer for one message with a {@value #DEFAULT_BUFFER_SIZE}-byte fragment buffer. */
    public MessageWriter newMessage(OpCode opcode) {
        return newMessage(opcode, DEFAULT_BUFFER_SIZE);
    }

    /** A writer for one text or binary message whose fragments carry up to {@code bufferSize} bytes. */
    public MessageWriter newMessage(OpCode opcode, int bufferSize) {
        return newMessage(opcode, bufferSize, 0);
    }

    /**
     * A writer for one message whose first frame carries the RSV bits {@code rsv} of a negotiated
     * extension: {@link FrameHeader#RSV1} for a compressed message (RFC 7692 §6; write the
     * compressed bytes, e.g. through {@code MessageDeflater.newOutputStream}). Continuation frames
     * never carry them. The writer does not check that the bits were negotiated.
     */
    public MessageWriter newMessage(OpCode opcode, int bufferSize, int rsv) {
        return new MessageWriter(this, requireData(opcode).code(), bufferSize, requireRsv(rsv));
    }

    /** Sends {@code payload} as one whole message (a single final frame); the array is not modified. */
    public void writeMessage(OpCode opcode, byte[] payload) throws IOException {
        writeMessage(opcode, payload, 0, payload.length);
    }

    /** Sends {@code length} bytes from {@code offset} as one whole message; the array is not modified. */
    public void writeMessage(OpCode opcode, byte[] payload, int offset, int length) throws IOException {
        writeMessage(opcode, 0, payload, offset, length);
    }

    /**
     * Sends {@code length} bytes from {@code offset} as one whole message whose frame carries the RSV
     * bits {@code rsv} (RSV1 for a message compressed with {@code MessageDeflater.compress}, RFC 7692
     * §6); the array is not modified. The writer does not check that the bits were negotiated.
     */
    public void writeMessage(OpCode opcode, int rsv, byte[] payload, int offset, int length) throws IOException {
        requireData(opcode);
        requireRsv(rsv);
        Objects.checkFromIndexSize(offset, length, payload.length);
        lockMessage();
        try {
            FrameHeader h = new FrameHeader().set(true, rsv, opcode.code(), length);
            if (side.masksOutput()) {
                h.mask(masks.nextMask());
            }
            int headerSize = h.encodedSize();
            byte[] frame = new byte[headerSize + Math.min(length, SINGLE_WRITE_LIMIT)];
            FrameEncoder.writeHeader(h, frame, 0);
            frameLock.lock();
            try {
                checkWritable(true);
                writeWhole(h, frame, headerSize, payload, offset, length);
            } finally {
                frameLock.unlock();
            }
        } finally {
            messageLock.unlock();
        }
    }

    /** Writes a whole data frame whose header is in {@code frame}; called with the frame lock held. */
    private void writeWhole(FrameHeader h, byte[] frame, int headerSize, byte[] payload, int offset, int length)
            throws IOException {
        try {
            if (length <= SINGLE_WRITE_LIMIT) {
                System.arraycopy(payload, offset, frame, headerSize, length);
                if (h.masked()) {
                    Masking.apply(frame, headerSize, length, h.maskKey(), 0);
                }
                out.write(frame, 0, frame.length);
            } else if (!h.masked()) {
                out.write(frame, 0, headerSize);
                out.write(payload, offset, length);
            } else { // a big client frame: masked through the array, a piece at a time
                out.write(frame, 0, headerSize);
                for (int done = 0; done < length; ) {
                    int n = Math.min(length - done, SINGLE_WRITE_LIMIT);
                    System.arraycopy(payload, offset + done, frame, 0, n);
                    Masking.apply(frame, 0, n, h.maskKey(), done);
                    out.write(frame, 0, n);
                    done += n;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Sends a ping (at most 125 bytes, from position to limit; the buffer is not modified).
     *
     * @throws IllegalArgumentException when the payload exceeds 125 bytes (nothing is written)
     */
    public void ping(ByteBuffer payload) throws IOException {
        writeControl(OpCode.OP_PING, payload);
    }

    /** Sends a pong (at most 125 bytes), e.g. to answer a ping with its payload (§5.5.3). */
    public void pong(ByteBuffer payload) throws IOException {
        writeControl(OpCode.OP_PONG, payload);
    }

    /**
     * Sends a close frame with this status (none for 1005, which is never put on the wire), unless
     * one was sent already.
     *
     * @return false when a close frame had already been sent (nothing is written then)
     */
    public boolean close(CloseStatus status) throws IOException {
        frameLock.lock();
        try {
            if (closeSent) {
                return false;
            }
            ByteBuffer payload = ByteBuffer.wrap(status.toPayload());
            writeControlLocked(OpCode.OP_CLOSE, payload);
            closeSent = true;
            return true;
        } finally {
            frameLock.unlock();
        }
    }

    /** Whether a close frame has been sent: data frames are refused from then on. */
    public boolean isCloseSent() {
        return closeSent;
    }

    private void writeControl(int opcode, ByteBuffer payload) throws IOException {
        frameLock.lock();
        try {
            writeControlLocked(opcode, payload);
        } finally {
            frameLock.unlock();
        }
    }

    /**
     * Builds the whole control frame in {@link #controlFrame} and writes it at once. The payload is
     * checked first: a control frame is final and carries at most 125 bytes, always (§5.5).
     */
    private void writeControlLocked(int opcode, ByteBuffer payload) throws IOException {
        int n = payload.remaining();
        if (n > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload " + n + " exceeds 125");
        }
        checkWritable(false);
        controlHeader.set(true, 0, opcode, n);
        if (side.masksOutput()) {
            controlHeader.mask(masks.nextMask());
        }
        int at = FrameEncoder.writeHeader(controlHeader, controlFrame, 0);
        payload.get(payload.position(), controlFrame, at, n);
        if (controlHeader.masked()) {
            Masking.apply(controlFrame, at, n, controlHeader.maskKey(), 0);
        }
        try {
            out.write(controlFrame, 0, at + n);
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Writes one data frame of a {@link MessageWriter}: the payload lies in {@code buf} at
     * {@code [reserve, reserve + length)}; the header is written right-aligned in front of it
     * (there is room: {@code reserve} fits the largest header for the buffer), a client masks the
     * payload in place, and the frame goes out in a single {@code write}.
     */
    void writeFragment(byte[] buf, int reserve, int length, boolean fin, int opcode, int rsv, FrameHeader h)
            throws IOException {
        h.set(fin, rsv, opcode, length);
        if (side.masksOutput()) {
            h.mask(masks.nextMask());
            Masking.apply(buf, reserve, length, h.maskKey(), 0);
        }
        int start = reserve - h.encodedSize();
        assert start >= 0 : "header room too small";
        FrameEncoder.writeHeader(h, buf, start);
        frameLock.lock();
        try {
            checkWritable(true);
            try {
                out.write(buf, start, reserve + length - start);
                out.flush();
            } catch (IOException e) {
                throw fail(e);
            }
        } finally {
            frameLock.unlock();
        }
    }

    /** Takes the message lock; refuses a second message opened by a thread already writing one. */
    void lockMessage() {
        if (messageLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread is already writing a message: close its MessageWriter first");
        }
        messageLock.lock();
    }

    void unlockMessage() {
        messageLock.unlock();
    }

    /** The header room a message buffer of this payload size needs in front. */
    int headerRoom(int bufferSize) {
        return FrameHeader.encodedSize(bufferSize, side.masksOutput());
    }

    private void checkWritable(boolean data) throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write failed; the connection may hold a partial frame", failure);
        }
        if (data && closeSent) {
            throw new IOException("a close frame was sent: no data frames may follow (RFC 6455 §5.5.1)");
        }
    }

    private IOException fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    private static int requireRsv(int rsv) {
        if ((rsv & ~0x7) != 0) {
            throw new IllegalArgumentException("RSV bits are 0..7, not " + rsv);
        }
        return rsv;
    }

    private static OpCode requireData(OpCode opcode) {
        if (opcode != OpCode.TEXT && opcode != OpCode.BINARY) {
            throw new IllegalArgumentException("a message is TEXT or BINARY, not " + opcode);
        }
        return opcode;
    }

    @Override
    public String toString() {
        return "FrameWriter[" + side + (closeSent ? ", close sent" : "") + (failure != null ? ", failed" : "")
                + (messageLock.isLocked() ? ", message in progress" : "") + "]";
    }
}
