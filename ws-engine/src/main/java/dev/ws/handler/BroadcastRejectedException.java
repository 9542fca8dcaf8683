package dev.ws.handler;

/**
 * A {@link BroadcastBus} could not, or will no longer, hand a broadcast to the other nodes: the
 * other nodes do not get it (the local sessions did). {@link #reason()} is one of a small, fixed
 * set of words, fit for a meter tag.
 */
public class BroadcastRejectedException extends RuntimeException {

    /** The bus holds as many unpublished messages (or bytes) as it may. */
    public static final String BUFFER_FULL = "buffer-full";
    /** The message waited longer than the bus keeps messages for an unreachable transport. */
    public static final String EXPIRED = "expired";
    /** The message is larger than the bus carries. */
    public static final String TOO_LARGE = "too-large";
    /** The bus was closed (the application is stopping). */
    public static final String CLOSED = "closed";

    private final String reason;

    public BroadcastRejectedException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** {@link #BUFFER_FULL}, {@link #EXPIRED}, {@link #TOO_LARGE} or {@link #CLOSED}. */
    public String reason() {
        return reason;
    }
}
