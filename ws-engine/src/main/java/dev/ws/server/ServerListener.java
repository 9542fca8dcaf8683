package dev.ws.server;

import dev.ws.CloseStatus;
import dev.ws.OpCode;

/**
 * Observes the server for metrics and logs. Methods are called on event loops and handler
 * threads, so they must be fast and must not block. All have empty defaults.
 *
 * <p>Order of the handshake calls for one connection, all on its event loop:
 * <pre>
 *   handshake := onHandshakeRejected                      (malformed, no route, timeout, 503)
 *              | onHandshakeStarted (onOpen | onHandshakeRejected)
 * </pre>
 * After {@code onHandshakeStarted} the origin check, the interceptors, subprotocol and extension
 * negotiation run, and its {@code onOpen} or {@code onHandshakeRejected} follows on the same
 * thread before that thread handles anything else: a listener may keep per-handshake state (an
 * observation and its scope) in a thread-local between the two.
 */
public interface ServerListener {

    /**
     * A complete upgrade request matched a route; the origin check and the interceptors come
     * next, on this thread.
     *
     * @param request the request, valid only during this call
     */
    default void onHandshakeStarted(HandshakeRequest request) {
    }

    /** A handshake was refused with an HTTP status (400, 403, 404, 426, 431, 503 …). */
    default void onHandshakeRejected(int status, String reason) {
    }

    default void onOpen(WebSocketSession session) {
    }

    default void onClose(WebSocketSession session, CloseStatus status) {
    }

    /** A whole data message (or a pong) arrived; {@code bytes} is its payload size. */
    default void onMessageReceived(WebSocketSession session, OpCode type, int bytes) {
    }

    /** A data frame was queued for sending; {@code bytes} is its payload size. */
    default void onMessageSent(WebSocketSession session, OpCode type, int bytes) {
    }

    /** A handler callback finished, in {@code nanos}, with {@code error} or null. */
    default void onHandled(WebSocketSession session, long nanos, Throwable error) {
    }
}
