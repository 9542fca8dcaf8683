package dev.ws;

/** The endpoint hit an unexpected condition, e.g. a handler threw: close code 1011. */
public final class InternalErrorException extends WebSocketException {

    public InternalErrorException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.INTERNAL_ERROR;
    }
}
