package dev.ws;

/** A message's data is not consistent with its type, e.g. invalid UTF-8 in a text message: close code 1007. */
public final class InvalidPayloadException extends WebSocketException {

    /** A stackless failure, as the peer caused it. */
    public InvalidPayloadException(String message) {
        super(message, null, false);
    }

    /** A failure with a cause, whose stack trace is kept. */
    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.INVALID_PAYLOAD;
    }
}
