package dev.ws.client;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;

/**
 * Application callbacks of one client connection, the client twin of
 * {@link dev.ws.server.WebSocketHandler}. The engine calls, in this order:
 * <pre>
 *   session := onOpen (onText | onBinary | onPong)* onError? onClose
 * </pre>
 * All calls come from the connection's own reader virtual thread, never overlap, and arrive in
 * the order the server sent the messages; callbacks may block (the next message waits).
 *
 * <p>Pings are answered by the engine. {@code onClose} is called exactly once: with the server's
 * close status, the status this client sent when it failed the connection (1002, 1007, 1009,
 * 1011), or 1006 when the connection dropped without a close frame.
 *
 * <p>An exception thrown by a callback goes to {@link #onError} and closes the connection with 1011.
 */
public interface ClientHandler {

    /** The handshake succeeded; the session can send. */
    default void onOpen(ClientSession session) throws Exception {
    }

    /** A whole text message (validated UTF-8). */
    default void onText(ClientSession session, String text) throws Exception {
    }

    /** A whole binary message: a copy the handler may keep. */
    default void onBinary(ClientSession session, ByteBuffer data) throws Exception {
    }

    /** A pong arrived (an answer to {@link ClientSession#sendPing}, or unsolicited); a copy. */
    default void onPong(ClientSession session, ByteBuffer data) throws Exception {
    }

    /**
     * A callback threw, or an I/O error broke the connection. The connection is closed right after
     * (1011 for a callback failure) and {@link #onClose} follows. Protocol violations by the server
     * do not come here: they end in {@code onClose} with their close code and reason.
     */
    default void onError(ClientSession session, Throwable error) {
    }

    /** The connection ended; nothing more can be sent. */
    default void onClose(ClientSession session, CloseStatus status) {
    }
}
