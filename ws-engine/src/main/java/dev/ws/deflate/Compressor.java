package dev.ws.deflate;

import dev.ws.deflate.internal.JdkCompressor;
import dev.ws.deflate.internal.WindowedCompressor;
import java.nio.ByteBuffer;

/**
 * One direction's raw DEFLATE compressor (RFC 1951, no zlib header), the pluggable half that
 * {@link MessageDeflater} drives. An implementation must honour the window it was created for:
 * no back-reference may reach further back than {@code 2^windowBits} bytes (RFC 7692 §7.1.2).
 *
 * <p>Calls, per message: {@code compress(in, out, false)*} then {@code compress(in, out, true)+}
 * until it returns true; then, between messages, {@code reset()} when the context is not taken over.
 * {@code end()} once, last. Not thread-safe: one user at a time.
 */
public interface Compressor {

    /**
     * Compresses the remaining bytes of {@code in} into {@code out}, advancing both positions.
     *
     * @param flush false to compress what it can and keep the rest for later calls; true to
     *              compress everything and end with a sync flush (an empty stored block,
     *              {@code 00 00 FF FF} last, RFC 7692 §7.2.1). A flush with no input since the
     *              previous one may write nothing.
     * @return true when done: all of {@code in} is consumed and, with {@code flush}, the flush is
     *         complete in {@code out}; false when {@code out} ran full (call again with more room
     *         and the same {@code in})
     */
    boolean compress(ByteBuffer in, ByteBuffer out, boolean flush);

    /** Forgets the history (no context takeover) so that the next message starts afresh. */
    void reset();

    /** Frees native memory; idempotent. The compressor must not be used afterwards. */
    void end();

    /**
     * Creates compressors; must honour {@code windowBits} (8..15) and accept levels -1..9 as
     * {@link java.util.zip.Deflater} does.
     */
    @FunctionalInterface
    interface Factory {
        Compressor create(int level, int windowBits);
    }

    /**
     * The default: the JDK's zlib {@link java.util.zip.Deflater} for 15-bit windows; for smaller
     * windows, which the JDK cannot set, a pure-Java LZ77 + Huffman deflater whose matches never
     * reach further back than the window (see {@link #windowed}).
     */
    static Factory defaultFactory() {
        return (level, windowBits) -> windowBits == DeflateParameters.MAX_WINDOW_BITS
                ? jdk(level) : windowed(level, windowBits);
    }

    /** A zlib compressor ({@code Deflater(level, nowrap = true)}); its window is always 15 bits. */
    static Compressor jdk(int level) {
        return new JdkCompressor(level);
    }

    /**
     * A pure-Java compressor with a window of {@code 2^windowBits} bytes (8..15), for windows the
     * JDK's zlib cannot honour. Heap memory only: an input buffer of {@code max(4 * 2^windowBits,
     * 16 KiB)}, hash chains and a 32 KiB symbol buffer (about 60 KiB at 9 bits).
     *
     * <p>Why not {@code Deflater.HUFFMAN_ONLY}, which is honest too (no back-references at all)?
     * Measured on JSON messages, 64 KiB: zlib at 15 bits 15.5% of the input, this deflater 15.8% at
     * 12 bits, 19.3% at 9 bits, 21.6% at 8 bits; HUFFMAN_ONLY 58%. At 1 KiB without context
     * takeover: 28.3% (zlib), 28.6% (9 bits), 61% (HUFFMAN_ONLY). Its speed is close to zlib at level
     * 6 (faster with small windows, whose hash chains are short).
     */
    static Compressor windowed(int level, int windowBits) {
        return new WindowedCompressor(level, windowBits);
    }
}
