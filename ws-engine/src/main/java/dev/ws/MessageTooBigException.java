package dev.ws;

/** A frame or message (or its inflated size) exceeds a configured limit: close code 1009. */
public final class MessageTooBigException extends WebSocketException {

    /** A stackless failure, as the peer caused it. */
    public MessageTooBigException(String message) {
        super(message, null, false);
    }

    /** A failure with a cause, whose stack trace is kept. */
    public MessageTooBigException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.MESSAGE_TOO_BIG;
    }
}
