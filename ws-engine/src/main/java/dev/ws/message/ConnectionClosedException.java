package dev.ws.message;

import dev.ws.CloseStatus;
import java.io.IOException;

/**
 * The peer sent a valid close frame (RFC 6455 §5.5.1): the blocking reader throws this once the
 * {@link ControlHandler} has seen it (the default handler has answered it by then). Not a failure,
 * but the end of the message stream, so it carries no stack trace.
 */
public final class ConnectionClosedException extends IOException {

    private final transient CloseStatus status;

    public ConnectionClosedException(CloseStatus status) {
        super("closed by the peer: " + status);
        this.status = status;
    }

    /** The code and reason the peer sent; 1005 when its close frame had no body. */
    public CloseStatus status() {
        return status;
    }

    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
