package dev.ws.client;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;

/**
 * What {@link ClientConnection#receive()} returns: a whole message, a pong, or the end of the
 * connection. Pings never appear: the connection answers them itself (RFC 6455 §5.5.2).
 * <pre>
 *   receive()* := (Text | Binary | Pong)* Close Close*
 * </pre>
 * Once a {@link Close} was returned, every later call returns the same one.
 */
public sealed interface Received permits Received.Text, Received.Binary, Received.Pong, Received.Close {

    /** A whole text message, validated as UTF-8. */
    record Text(String text) implements Received {
    }

    /** A whole binary message: a copy the caller owns, from position 0 to its limit. */
    record Binary(ByteBuffer data) implements Received {
    }

    /** A pong (an answer to {@link ClientConnection#sendPing}, or unsolicited); the caller owns it. */
    record Pong(ByteBuffer data) implements Received {
    }

    /**
     * The connection has ended and its socket is closed.
     *
     * @param status the peer's close status after a closing handshake; the status this client sent
     *               when it failed the connection (1002 protocol error, 1007 invalid UTF-8, 1009 too
     *               big); or 1006 when the connection dropped without a close frame
     */
    record Close(CloseStatus status) implements Received {
    }
}
