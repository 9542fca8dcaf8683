package dev.ws.server;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;

/**
 * Application callbacks of one endpoint. For each session the engine calls, in this order:
 * <pre>
 *   session := onOpen (onText | onBinary | onPong)* onError? onClose
 * </pre>
 * Calls for one session never overlap and arrive in the order the peer sent the messages. Which
 * thread runs them depends on {@link DispatchMode}: a virtual thread per busy session (the
 * default; handlers may block) or the session's event loop (handlers must not block).
 *
 * <p>Pings are answered by the engine. {@code onClose} is called exactly once for every session
 * that was opened: with the peer's close status, the status the engine sent (protocol error,
 * timeout, shutdown), or 1006 when the connection dropped without a close frame.
 *
 * <p>An exception thrown by a callback goes to {@link #onError} and closes the session with 1011.
 */
public interface WebSocketHandler {

    /** The handshake succeeded; the session can send. */
    default void onOpen(WebSocketSession session) throws Exception {
    }

    /** A whole text message (validated UTF-8). */
    default void onText(WebSocketSession session, String text) throws Exception {
    }

    /**
     * A whole binary message. In {@link DispatchMode#EVENT_LOOP} the buffer is a view of the
     * engine's read buffer, valid only during the call; in {@link DispatchMode#VIRTUAL_THREADS} it
     * is a copy the handler may keep.
     */
    default void onBinary(WebSocketSession session, ByteBuffer data) throws Exception {
    }

    /** A pong arrived (an answer to {@link WebSocketSession#sendPing}, or unsolicited). */
    default void onPong(WebSocketSession session, ByteBuffer data) throws Exception {
    }

    /**
     * A callback threw, or an I/O error broke the connection. The session is closed right after
     * (1011 for a callback failure) and {@link #onClose} follows.
     */
    default void onError(WebSocketSession session, Throwable error) {
    }

    /** The session ended; nothing more can be sent. */
    default void onClose(WebSocketSession session, CloseStatus status) {
    }
}
