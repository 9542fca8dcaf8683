package dev.ws.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Moves plaintext bytes between a connection and its socket through TLS (a plain connection uses
 * its channel directly and has no transport object: one object less per idle session).
 * Reads happen on the connection's event loop only; writes happen under the connection's write
 * lock, from any thread.
 */
interface Transport {

    /** Reads plaintext into {@code dst}; returns the bytes read, 0 when none are ready, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes as much plaintext of {@code srcs[offset..offset+length)} as the socket takes now.
     *
     * @return plaintext bytes consumed
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Whether received bytes wait inside the transport (TLS records read but not yet decrypted). */
    default boolean hasBufferedInput() {
        return false;
    }

    /** Whether bytes accepted by {@link #write} still wait to reach the socket (TLS records). */
    boolean hasPendingOutput();

    /** Pushes pending output to the socket; returns true when none is left. */
    boolean flushPending() throws IOException;

    /** Releases buffers; the channel itself is closed by the connection. */
    default void release() {
    }
}
