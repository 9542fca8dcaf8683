package dev.ws.deflate;

import dev.ws.InvalidPayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** {@link MessageInflater#newInputStream}: pulls one compressed message and inflates it. */
final class InflateInputStream extends InputStream {

    private static final int INPUT_CHUNK = 4096;

    private final MessageInflater owner;
    private final InputStream source;
    private long remaining;
    private final byte[] input = new byte[INPUT_CHUNK];
    private final ByteBuffer inputView = ByteBuffer.wrap(input);
    private final byte[] one = new byte[1];
    private boolean sourceEnded;
    private boolean done;

    InflateInputStream(MessageInflater owner, InputStream source, long maxSize) {
        this.owner = owner;
        this.source = source;
        this.remaining = maxSize;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        boolean ok = false;
        try {
            int n = inflate(b, off, len);
            ok = true;
            return n;
        } finally {
            if (!ok) {
                done = true;
                owner.end(false);
            }
        }
    }

    private int inflate(byte[] b, int off, int len) throws IOException {
        DecompressorSlot s = owner.slot();
        Decompressor d = s.decompressor;
        while (true) {
            if (!owner.finalBlockSeen()) {
                int room = remaining >= len ? len : (int) remaining + 1;
                int n = d.decompress(ByteBuffer.wrap(b, off, room));
                if (n > remaining) {
                    throw MessageInflater.tooBig(remaining);
                }
                if (n > 0) {
                    remaining -= n;
                    return n;
                }
                if (!d.needsInput() && !d.finished()) {
                    throw new InvalidPayloadException("DEFLATE data asks for a preset dictionary");
                }
                owner.checkAfterFinalBlock(s, sourceEnded ? null : inputView);
            }
            if (sourceEnded) {
                return finish();
            }
            int r = source.read(input, 0, input.length);
            if (r < 0) {
                sourceEnded = true;
                if (owner.compressedLength() == 0 || owner.finalBlockSeen()) {
                    return finish();
                }
                d.setInput(s.tail());
            } else if (r > 0) {
                if (owner.finalBlockSeen()) {
                    throw new InvalidPayloadException("data after the final DEFLATE block of a compressed message");
                }
                owner.countCompressed(r);
                inputView.clear().limit(r);
                d.setInput(inputView);
            }
        }
    }

    private int finish() {
        done = true;
        owner.end(true);
        return -1;
    }

    /** Reads the rest of the message (so that the decompressor's context stays right) and ends it. */
    @Override
    public void close() throws IOException {
        byte[] skip = new byte[1024];
        while (!done) {
            read(skip, 0, skip.length);
        }
    }
}
