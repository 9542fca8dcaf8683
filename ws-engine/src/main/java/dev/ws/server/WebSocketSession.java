package dev.ws.server;

import dev.ws.CloseStatus;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection on the server. Every method is safe to call from any thread.
 *
 * <p>Sends are asynchronous: a message is encoded into one frame, queued whole (frames of
 * concurrent senders never interleave) and written in order. The returned stage completes when
 * the frame has been handed to the operating system, or fails with {@link SendRejectedException}
 * (closed session, slow consumer) or the I/O error that broke the connection. A message accepted
 * by a send is never dropped silently.
 */
public interface WebSocketSession {

    /** A short id, unique within the server. */
    String id();

    /** The request URI of the handshake (path and query, as sent). */
    String uri();

    /** The path of the request URI. */
    String path();

    /** The raw query of the request URI, or null when there is none. */
    String query();

    /** Values of the path template's variables, e.g. {@code room} for {@code /chat/{room}}. */
    Map<String, String> pathParams();

    /** The path template of the route that accepted this session, e.g. {@code /chat/{room}}. */
    String route();

    /** The negotiated subprotocol, or null. */
    String subprotocol();

    /** Names of the negotiated extensions (e.g. permessage-deflate), empty when none. */
    List<String> extensions();

    /**
     * The first value of a handshake request header, or null. Only headers the server was asked
     * to capture are kept (see {@code WebSocketServer.Builder#captureHeaders}).
     */
    String header(String name);

    /**
     * The captured handshake request headers, looked up by name ignoring case (a key is spelled as
     * the client first sent it), values in the order received.
     */
    Map<String, List<String>> headers();

    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /** Per-session attributes, shared by the handshake callbacks and the handler. Thread-safe. */
    Map<String, Object> attributes();

    /** Whether the session is open: not closing, not closed. */
    boolean isOpen();

    /** Whether the outbound queue is below the high watermark (sends are accepted). */
    boolean isWritable();

    /** Bytes queued for this session and not yet written to the socket. */
    long queuedBytes();

    /** When the session was opened, in {@link System#currentTimeMillis()} terms. */
    long openedAtMillis();

    CompletionStage<Void> sendText(CharSequence text);

    /** Sends the bytes between the buffer's position and limit; the buffer is not modified. */
    CompletionStage<Void> sendBinary(ByteBuffer data);

    CompletionStage<Void> sendBinary(byte[] data);

    /** Sends a ping with at most 125 bytes of payload. */
    CompletionStage<Void> sendPing(ByteBuffer data);

    /** Sends a message encoded once for many sessions (broadcast). */
    CompletionStage<Void> send(PreparedMessage message);

    /** Starts the closing handshake with 1000. */
    default CompletionStage<Void> close() {
        return close(CloseStatus.NORMAL);
    }

    default CompletionStage<Void> close(int code, String reason) {
        return close(new CloseStatus(code, reason));
    }

    /**
     * Starts the closing handshake: sends a close frame, waits for the peer's close up to the
     * close timeout, then closes the TCP connection. The stage completes when the connection is
     * closed. Calling it again has no further effect.
     */
    CompletionStage<Void> close(CloseStatus status);
}
