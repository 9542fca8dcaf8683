package dev.ws.client;

import dev.ws.CloseStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One client connection driven by a {@link ClientHandler}, the client twin of
 * {@link dev.ws.server.WebSocketSession}. Every method is safe to call from any thread.
 *
 * <p>Sends are asynchronous: the message is copied when the method is called, queued, and written
 * in order by the session's writer virtual thread as one frame. The returned stage completes when
 * the frame was written to the socket, or fails with the {@link java.io.IOException} that prevented
 * it (session closing or closed, send queue full, connection broken). A message accepted by a send
 * is never dropped silently.
 */
public interface ClientSession {

    /** The URI that was dialed. */
    URI uri();

    /** The subprotocol the server selected, or null. */
    String subprotocol();

    /** Names of the agreed extensions (e.g. permessage-deflate), empty when none. */
    List<String> extensions();

    /** The first value of a header of the 101 response, or null. */
    String header(String name);

    /** The headers of the 101 response, names in lower case. */
    Map<String, List<String>> headers();

    InetSocketAddress remoteAddress();

    /** Per-session attributes for the application. Thread-safe. */
    Map<String, Object> attributes();

    /** Whether the session is open: no close frame sent or received, not closed. */
    boolean isOpen();

    /** Bytes accepted by sends and not yet written to the socket. */
    long queuedBytes();

    CompletionStage<Void> sendText(CharSequence text);

    /** Sends the bytes between the buffer's position and limit; they are copied, the buffer is not modified. */
    CompletionStage<Void> sendBinary(ByteBuffer data);

    CompletionStage<Void> sendBinary(byte[] data);

    /** Sends a ping with at most 125 bytes of payload. */
    CompletionStage<Void> sendPing(ByteBuffer data);

    /** Starts the closing handshake with 1000. */
    default CompletionStage<Void> close() {
        return close(CloseStatus.NORMAL);
    }

    default CompletionStage<Void> close(int code, String reason) {
        return close(new CloseStatus(code, reason));
    }

    /**
     * Starts the closing handshake: once the messages queued before it are written, sends a close
     * frame, waits for the server's close up to the close timeout, then closes the socket. The stage
     * completes when the connection is closed. Calling it again has no further effect.
     */
    CompletionStage<Void> close(CloseStatus status);
}
