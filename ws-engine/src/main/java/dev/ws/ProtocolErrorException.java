package dev.ws;

/** The peer broke a rule of RFC 6455 (or of a negotiated extension): close code 1002. */
public final class ProtocolErrorException extends WebSocketException {

    /** A stackless failure, as the peer caused it. */
    public ProtocolErrorException(String message) {
        super(message, null, false);
    }

    /** A failure with a cause, whose stack trace is kept. */
    public ProtocolErrorException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.PROTOCOL_ERROR;
    }
}
