package dev.ws.deflate.internal;

import dev.ws.deflate.Compressor;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * {@link Compressor} over the JDK's zlib {@link Deflater} in raw mode. Its window is always 15 bits
 * (the JDK cannot set windowBits), so it is only used where a 15-bit window was agreed.
 */
public final class JdkCompressor implements Compressor {

    private static final byte[] NO_INPUT = new byte[0];

    private final Deflater deflater;
    private boolean ended;

    public JdkCompressor(int level) {
        this.deflater = new Deflater(level, true);
    }

    @Override
    public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
        deflater.setInput(in);
        boolean done;
        if (flush) {
            int room = out.remaining();
            // Deflater contract: a SYNC_FLUSH that fills the output must be repeated.
            done = deflater.deflate(out, Deflater.SYNC_FLUSH) < room;
        } else {
            deflater.deflate(out, Deflater.NO_FLUSH);
            done = deflater.needsInput();
        }
        if (done) {
            // Drop the reference to the caller's buffer: a pooled or idle Deflater must not keep
            // the last message alive (jetty#13029).
            deflater.setInput(NO_INPUT);
        }
        return done;
    }

    @Override
    public void reset() {
        deflater.reset();
    }

    @Override
    public void end() {
        ended = true;
        deflater.end();
    }

    @Override
    public String toString() {
        return ended ? "JdkCompressor[ended]"
                : "JdkCompressor[in=" + deflater.getBytesRead() + ", out=" + deflater.getBytesWritten() + "]";
    }
}
