package dev.ws;

/** A message or behaviour violates the endpoint's policy (for example a slow consumer): close code 1008. */
public final class PolicyViolationException extends WebSocketException {

    /** A stackless failure, as the peer caused it. */
    public PolicyViolationException(String message) {
        super(message, null, false);
    }

    /** A failure with a cause, whose stack trace is kept. */
    public PolicyViolationException(String message, Throwable cause) {
        super(message, cause, true);
    }

    @Override
    public int closeCode() {
        return CloseCodes.POLICY_VIOLATION;
    }
}
