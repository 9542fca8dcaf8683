package dev.ws.handler;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries broadcasts between the nodes (instances) of one application, so that a message sent to
 * an endpoint, a group or a user reaches the matching sessions on every node. Each node delivers
 * to its own sessions at once and publishes the broadcast once; the bus hands it to every
 * <em>other</em> node, which encodes the frame once and delivers it to its own sessions. Group
 * membership stays local to each node: the bus carries only the target and the payload.
 *
 * <p>Calls, as {@link WsSessionRegistry} makes them: {@code subscribe publish* close}. The
 * receiver runs on a thread of the bus and must not block (the registry only queues frames);
 * {@link #publish} may be called from any thread, event loops included, and never blocks.
 *
 * <p>Implementations state their delivery semantics. {@link InMemoryBroadcastBus} links the
 * nodes of one JVM (a lone one is the single-node default); the Spring Boot starter has a Redis
 * Streams bus. Both deliver the broadcasts of one publishing thread to every other node in the
 * order they were published.
 */
public interface BroadcastBus extends AutoCloseable {

    /** Where a bus stands. */
    enum State {
        /** Not connected yet: publishes are buffered (or refused, as the bus documents). */
        CONNECTING,
        /** Publishing and receiving. */
        UP,
        /** The transport is unreachable: local delivery goes on, the bus buffers and retries. */
        DOWN,
        /** Closed: publishes are refused. */
        CLOSED
    }

    /**
     * Sets what receives the broadcasts of the other nodes; called once, before the first
     * {@link #publish}. Broadcasts this node published never come back to it.
     *
     * @throws IllegalStateException when a receiver is set already
     */
    void subscribe(Consumer<Broadcast> receiver);

    /**
     * Hands a broadcast to the other nodes without blocking.
     *
     * @return completes when the transport has the broadcast (every reachable node will get it),
     *         or fails with {@link BroadcastRejectedException} when the bus refuses or gives up on it
     */
    CompletionStage<Void> publish(Broadcast broadcast);

    /** The bus's state now. */
    State state();

    /** Stops publishing and receiving; later publishes fail with reason {@code closed}. Idempotent. */
    @Override
    void close();
}
