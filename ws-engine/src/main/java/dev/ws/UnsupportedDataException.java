package dev.ws;

/** The endpoint cannot accept this type of data: close code 1003. */
public final class UnsupportedDataException extends WebSocketException {

    /** A stackless failure, as the peer caused it. */
    public UnsupportedDataException(String message) {
        super(message, null, false);
    }

    /** A failure with a cause, whose stack trace is kept. */
    public UnsupportedDataException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.UNSUPPORTED_DATA;
    }
}
