package dev.ws.deflate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** {@link MessageDeflater#newOutputStream}: compresses one message into a message stream. */
final class DeflateOutputStream extends OutputStream {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final MessageDeflater owner;
    private final OutputStream target;
    private final MessageDeflater.ChunkSink toTarget;
    private CompressorSlot slot;
    private ByteBuffer scratch;
    private final byte[] one = new byte[1];

    DeflateOutputStream(MessageDeflater owner, OutputStream target) {
        this.owner = owner;
        this.target = target;
        this.toTarget = (chunk, last) -> target.write(chunk.array(), chunk.position(), chunk.remaining());
        this.slot = owner.acquire();
        this.scratch = slot.scratch();
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        run(in, false);
    }

    /** Sync-flushes everything written so far to the message stream, then flushes it. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        run(NOTHING, true);
        scratch.flip();
        toTarget.accept(scratch, false);
        scratch.clear();
        target.flush();
    }

    /** Ends the compressed message, closes the message stream and releases the compressor. */
    @Override
    public void close() throws IOException {
        if (slot == null) {
            return;
        }
        boolean ok = false;
        try {
            run(NOTHING, true);
            // Nothing new since a flush (or at all): 00 starts an empty stored block (RFC 7692 §7.2.3.6).
            MessageDeflater.endMessage(scratch, 0);
            scratch.flip();
            toTarget.accept(scratch, true);
            ok = true;
        } finally {
            owner.release(slot, ok);
            slot = null;
            scratch = null;
        }
        target.close();
    }

    private void run(ByteBuffer in, boolean flush) throws IOException {
        boolean ok = false;
        try {
            while (!slot.compressor.compress(in, scratch, flush)) {
                MessageDeflater.handOnHeld(scratch, toTarget);
            }
            ok = true;
        } finally {
            if (!ok) {
                owner.release(slot, false);
                slot = null;
                scratch = null;
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (slot == null) {
            throw new IOException("compressed message stream closed");
        }
    }
}
