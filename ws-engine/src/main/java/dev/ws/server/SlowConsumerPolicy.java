package dev.ws.server;

/**
 * What happens when a session's outbound queue reaches the high watermark, i.e. the peer reads
 * more slowly than the application sends. In every case the engine stops reading from that peer
 * until its queue drains below the low watermark, so its own replies (pongs, echoes) cannot grow
 * memory either.
 */
public enum SlowConsumerPolicy {

    /**
     * Sends fail at once (their {@code CompletionStage} completes exceptionally with
     * {@link SendRejectedException}) while the queue stays above the high watermark; if it stays
     * there longer than the slow-consumer timeout, the session is closed with 1008 "slow consumer".
     * The default: the application sees every message it could not send.
     */
    FAIL_SEND,

    /** The session is closed with 1008 "slow consumer" as soon as the high watermark is reached. */
    CLOSE
}
