package dev.ws.boot.cluster;

import dev.ws.handler.BroadcastBus;

/**
 * What a {@link RedisBroadcastBus} reports as it works (meters use it, see
 * {@code dev.ws.boot.metrics.WsClusterMetrics}). Called on the bus's thread and on the threads of
 * the publishers; must be quick and must not block or throw. Every method does nothing by default.
 */
public interface BroadcastBusListener {

    /** Redis accepted a batch of this node's messages: every node can now read them. */
    default void onPublished(int messages) {
    }

    /**
     * Messages of this node that Redis did not take. {@code reason} is {@code redis} for a failed
     * or timed-out write that will be retried (the messages stay buffered), or a
     * {@link dev.ws.handler.BroadcastRejectedException} reason when the other nodes will never
     * get them: {@code buffer-full}, {@code expired}, {@code too-large}, {@code closed}.
     */
    default void onPublishFailed(int messages, String reason) {
    }

    /**
     * A message of another node was delivered to this node's sessions, {@code lagMillis} after it
     * was published there (by the two nodes' wall clocks, so skew shows here).
     */
    default void onReceived(long lagMillis) {
    }

    /** Messages of another node that arrived twice (after a retried write) and were dropped. */
    default void onDuplicates(int messages) {
    }

    /**
     * Messages of another node that never arrived: a gap in its sequence numbers (the stream was
     * trimmed before this node read them, or Redis lost them in a restart without persistence).
     */
    default void onLost(long messages) {
    }

    /** An entry of the stream was not a batch this bus can read; it was skipped. */
    default void onMalformed() {
    }

    /** The bus went from one state to another. */
    default void onStateChanged(BroadcastBus.State from, BroadcastBus.State to) {
    }
}
