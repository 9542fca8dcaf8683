package dev.ws.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Transforms the data messages a connection sends, e.g. compresses them (RFC 7692 §7.2.1): the
 * outbound twin of {@link dev.ws.message.InboundExtension}. One instance per connection; the
 * connection calls it under its write lock, in the order the messages go out, so it may keep
 * context from one message to the next (context takeover).
 */
public interface OutboundExtension extends AutoCloseable {

    /** The RSV bits set on the first frame of a transformed message (RSV1 for permessage-deflate). */
    int rsvBits();

    /**
     * Transforms one whole text or binary message.
     *
     * @param opcode  {@link dev.ws.OpCode#OP_TEXT} or {@link dev.ws.OpCode#OP_BINARY}
     * @param message the payload between position and limit; must not be modified
     * @return null to send the message as it is (RSV bits clear), or the transformed payload between
     *         its position and limit, which the connection reads before the next call (so the
     *         extension may reuse one buffer)
     */
    ByteBuffer transform(int opcode, ByteBuffer message) throws IOException;

    /** Releases native resources (zlib state); called once when the connection ends. */
    @Override
    void close();
}
