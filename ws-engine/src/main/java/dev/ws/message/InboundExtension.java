package dev.ws.message;

import dev.ws.FrameHeader;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;

/**
 * Undoes an extension's transformation of received messages, e.g. inflates permessage-deflate
 * (RFC 7692 §7.2.2). The message layer calls it; extensions (a higher layer) implement it.
 *
 * <p>Calls per data message: {@code startMessage} once with the first frame's header; if it returned
 * true, {@code transform} once per payload chunk, the last call with {@code last == true} (possibly
 * with an empty chunk). One instance per connection, called from one thread at a time.
 */
public interface InboundExtension extends AutoCloseable {

    /** The RSV bits this extension may see set (RSV1 = {@link FrameHeader#RSV1}). */
    int rsvBits();

    /**
     * Called with the first frame header of each data message.
     *
     * @return whether this message's payload must go through {@link #transform}
     * @throws WebSocketException when the header breaks the extension's rules
     */
    boolean startMessage(FrameHeader first) throws WebSocketException;

    /**
     * Transforms the next chunk of a transformed message and hands the output to {@code out}, in
     * order, in as many pieces as it likes. The chunk is only valid during the call.
     *
     * @param maxOutput the most output bytes this message may still produce; exceeding it fails with
     *                  {@link dev.ws.MessageTooBigException} (1009) before the bytes are produced, so
     *                  a decompression bomb cannot grow memory
     */
    void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out) throws WebSocketException;

    /** Releases native resources (zlib state); called once when the connection ends. */
    @Override
    void close();

    /** Receives transformed bytes; the buffer is only valid during the call. */
    @FunctionalInterface
    interface Sink {
        void accept(ByteBuffer bytes) throws WebSocketException;
    }
}
