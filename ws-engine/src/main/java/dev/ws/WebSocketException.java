package dev.ws;

import java.io.IOException;

/**
 * A failure that ends a WebSocket connection with a specific close code. Each subtype stands for
 * one code; {@link #closeStatus()} tells the session what to send. Messages name the rule and the
 * value seen, e.g. "control frame payload 130 exceeds 125".
 *
 * <p>Peer-caused failures carry no stack trace: they are expected, frequent under attack, and
 * their message says all there is to say.
 */
public abstract sealed class WebSocketException extends IOException
        permits ProtocolErrorException, UnsupportedDataException, InvalidPayloadException,
                PolicyViolationException, MessageTooBigException, InternalErrorException {

    private final transient boolean withStackTrace;

    WebSocketException(String message, Throwable cause, boolean withStackTrace) {
        super(message, cause);
        this.withStackTrace = withStackTrace;
        if (withStackTrace) {
            super.fillInStackTrace();
        }
    }

    /** The close code this failure is answered with. */
    public abstract int closeCode();

    /** The close frame to send: the code and this exception's message as the reason (truncated). */
    public CloseStatus closeStatus() {
        return new CloseStatus(closeCode(), getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Throwable's constructor calls this before our field is set: skip, and fill it in the
        // constructor when a trace is wanted.
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + closeCode() + "): " + getMessage();
    }
}
