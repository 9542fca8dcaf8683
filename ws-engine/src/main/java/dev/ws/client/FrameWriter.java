package dev.ws.client;

import dev.ws.CloseStatus;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a client connection: every frame final, masked with a key from
 * {@link MaskGenerator#secure()} (RFC 6455 §5.3), encoded into a reused buffer and written whole
 * under a {@link ReentrantLock} (not {@code synchronized}: writers may be virtual threads), so that
 * frames of concurrent senders never interleave. A frame of up to 64 KiB, header included, goes out
 * in a single write. Nothing is written after the close frame (RFC 6455 §5.5.1). Data messages pass
 * through the outbound extension, if one was agreed, under the same lock and in write order.
 */
final class FrameWriter {

    /** Frames up to this size (header included) go out in one write; larger ones in pieces of it. */
    static final int MAX_WRITE_BUFFER = 64 * 1024;
    private static final int MIN_WRITE_BUFFER = 256;

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final FrameEncoder encoder = new FrameEncoder(Side.CLIENT, MaskGenerator.secure());
    private final OutboundExtension outbound;
    private ByteBuffer buffer;
    private volatile boolean closeSent;
    private boolean released;

    FrameWriter(OutputStream out, OutboundExtension outbound) {
        this.out = out;
        this.outbound = outbound;
    }

    /** Writes one data message; {@code opcode} is text or binary. */
    void data(int opcode, ByteBuffer message) throws IOException {
        lock.lock();
        try {
            requireOpen("message");
            ByteBuffer payload = message;
            int rsv = 0;
            if (outbound != null) {
                ByteBuffer transformed = outbound.transform(opcode, message);
                if (transformed != null) {
                    payload = transformed;
                    rsv = outbound.rsvBits();
                }
            }
            write(opcode, rsv, payload);
        } finally {
            lock.unlock();
        }
    }

    /** Writes a ping or pong of at most 125 bytes. */
    void control(int opcode, ByteBuffer payload) throws IOException {
        if (payload.remaining() > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload " + payload.remaining() + " exceeds "
                    + FrameHeader.MAX_CONTROL_PAYLOAD);
        }
        lock.lock();
        try {
            requireOpen("frame");
            write(opcode, 0, payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the close frame, once: later calls write nothing and return false. {@code beforeWrite}
     * runs under the lock just before the first close frame is written (it starts the close timeout).
     */
    boolean close(CloseStatus status, Runnable beforeWrite) throws IOException {
        lock.lock();
        try {
            if (closeSent || released) {
                return false;
            }
            closeSent = true;
            beforeWrite.run();
            write(OpCode.OP_CLOSE, 0, ByteBuffer.wrap(status.toPayload()));
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean closeSent() {
        return closeSent;
    }

    /** Frees the outbound extension once the socket is closed (a writer holding the lock fails soon). */
    void release() {
        lock.lock();
        try {
            if (!released) {
                released = true;
                if (outbound != null) {
                    outbound.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen(String what) throws IOException {
        if (closeSent) {
            throw new IOException("the close frame was sent; no " + what + " may follow it (RFC 6455 §5.5.1)");
        }
        if (released) {
            throw new IOException("the connection is closed");
        }
    }

    /** Encodes and writes one final frame; lock held. */
    private void write(int opcode, int rsv, ByteBuffer payload) throws IOException {
        assert lock.isHeldByCurrentThread();
        encoder.begin(opcode, true, rsv, payload);
        ByteBuffer buf = buffer(FrameHeader.MAX_HEADER_SIZE + (long) payload.remaining());
        boolean done;
        do {
            buf.clear();
            done = encoder.encode(buf);
            out.write(buf.array(), 0, buf.position());
        } while (!done);
        out.flush();
    }

    /** The buffer, grown to hold a frame of {@code size} bytes up to {@link #MAX_WRITE_BUFFER}. */
    private ByteBuffer buffer(long size) {
        int wanted = (int) Math.min(MAX_WRITE_BUFFER, Math.max(MIN_WRITE_BUFFER, size));
        if (buffer == null || buffer.capacity() < wanted) {
            buffer = ByteBuffer.allocate(wanted);
        }
        return buffer;
    }

    @Override
    public String toString() {
        return "FrameWriter[" + (closeSent ? "close sent" : "open") + ", " + encoder + "]";
    }
}
