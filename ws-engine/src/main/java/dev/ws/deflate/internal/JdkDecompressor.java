package dev.ws.deflate.internal;

import dev.ws.InvalidPayloadException;
import dev.ws.deflate.Decompressor;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** {@link Decompressor} over the JDK's zlib {@link Inflater} in raw mode (15-bit window). */
public final class JdkDecompressor implements Decompressor {

    private final Inflater inflater = new Inflater(true);
    private boolean ended;

    @Override
    public void setInput(ByteBuffer in) {
        inflater.setInput(in);
    }

    @Override
    public int decompress(ByteBuffer out) throws InvalidPayloadException {
        try {
            return inflater.inflate(out);
        } catch (DataFormatException e) {
            throw new InvalidPayloadException("invalid DEFLATE data in a compressed message: " + e.getMessage());
        }
    }

    @Override
    public boolean needsInput() {
        return inflater.needsInput();
    }

    @Override
    public boolean finished() {
        return inflater.finished();
    }

    @Override
    public void reset() {
        inflater.reset();
    }

    @Override
    public void end() {
        ended = true;
        inflater.end();
    }

    @Override
    public String toString() {
        return ended ? "JdkDecompressor[ended]"
                : "JdkDecompressor[in=" + inflater.getBytesRead() + ", out=" + inflater.getBytesWritten() + "]";
    }
}
