package dev.ws.deflate;

import dev.ws.InvalidPayloadException;
import dev.ws.deflate.internal.JdkDecompressor;
import java.nio.ByteBuffer;

/**
 * One direction's raw DEFLATE decompressor (RFC 1951), the pluggable half that
 * {@link MessageInflater} drives. It must decode any window up to 15 bits.
 *
 * <p>Calls: {@code setInput}, then {@code decompress} until it returns less than the room it was
 * given, then the next {@code setInput}; {@code reset()} between messages without context takeover
 * or after a final block; {@code end()} once, last. Not thread-safe: one user at a time.
 */
public interface Decompressor {

    /** Sets the next compressed bytes; the buffer's position advances as they are consumed. */
    void setInput(ByteBuffer in);

    /**
     * Decompresses into {@code out}, advancing its position.
     *
     * @return the bytes written; less than {@code out.remaining()} means it needs input or
     *         {@link #finished()}
     * @throws InvalidPayloadException (1007) when the data is not valid DEFLATE
     */
    int decompress(ByteBuffer out) throws InvalidPayloadException;

    /** Whether all input set so far was consumed. */
    boolean needsInput();

    /** Whether a final block (BFINAL = 1) ended the stream; it must be reset before more input. */
    boolean finished();

    /** Forgets the history and any partial state. */
    void reset();

    /** Frees native memory; idempotent. */
    void end();

    /** Creates decompressors. */
    @FunctionalInterface
    interface Factory {
        Decompressor create();
    }

    /** The JDK's zlib {@link java.util.zip.Inflater} ({@code nowrap = true}, 15-bit window). */
    static Decompressor jdk() {
        return new JdkDecompressor();
    }
}
