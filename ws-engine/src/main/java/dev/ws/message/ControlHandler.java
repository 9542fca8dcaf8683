package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.WebSocketException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link MessageReader} does with the control frames it meets, before, between and inside
 * data messages (RFC 6455 §5.5), and with the failures it detects. Control frames are never dropped
 * silently: each reaches this handler. {@link DefaultControlHandler} answers as the RFC asks.
 *
 * <p>Order of calls: {@code (onPing | onPong)* [onClose | onError]}; after {@code onClose} the
 * reader throws {@link ConnectionClosedException}, after {@code onError} it throws that error.
 * Called on the reading thread; payload buffers are valid only during the call.
 */
public interface ControlHandler {

    /** A ping (0–125 bytes): the RFC asks for a pong with the same payload, soon (§5.5.2). */
    void onPing(ByteBuffer payload) throws IOException;

    /** A pong (0–125 bytes), solicited or not (§5.5.3). */
    void onPong(ByteBuffer payload) throws IOException;

    /**
     * A valid close frame (1005 when it had no body): the RFC asks for a close frame in reply
     * (§5.5.1); the reader then throws {@link ConnectionClosedException}.
     */
    void onClose(CloseStatus status) throws IOException;

    /**
     * The peer broke the protocol, sent an invalid payload (an invalid close frame included) or
     * exceeded a limit; the reader throws {@code error} after this call. Answer with
     * {@link WebSocketException#closeStatus()} (1002, 1007, 1009) and close the connection.
     */
    void onError(WebSocketException error) throws IOException;
}
