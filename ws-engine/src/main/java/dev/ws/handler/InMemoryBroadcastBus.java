package dev.ws.handler;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link BroadcastBus} between the nodes of one JVM. A new bus is a lone node: its publishes
 * reach no one, which is what a single-instance application needs (and what
 * {@link WsSessionRegistry} uses when given no bus). {@link #newNode()} adds a node to the same
 * bus, for several servers in one process and for tests of cluster behaviour without a broker.
 *
 * <p>Delivery is synchronous, on the publishing thread, to every other node in the order the nodes
 * joined; nothing is buffered, so nothing can be lost or reordered, and the returned stage is
 * already complete. A receiver that throws does not stop delivery to the others (the exception is
 * logged). Thread-safe.
 */
public final class InMemoryBroadcastBus implements BroadcastBus {

    private static final System.Logger LOG = System.getLogger(InMemoryBroadcastBus.class.getName());
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final List<InMemoryBroadcastBus> nodes;
    private volatile Consumer<Broadcast> receiver;
    private volatile boolean closed;

    /** A lone node; add others with {@link #newNode()}. */
    public InMemoryBroadcastBus() {
        this(new CopyOnWriteArrayList<>());
    }

    private InMemoryBroadcastBus(List<InMemoryBroadcastBus> nodes) {
        this.nodes = nodes;
        nodes.add(this);
    }

    /** Another node on this bus: what any node publishes, every other node receives. */
    public InMemoryBroadcastBus newNode() {
        return new InMemoryBroadcastBus(nodes);
    }

    @Override
    public void subscribe(Consumer<Broadcast> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (this) {
            if (this.receiver != null) {
                throw new IllegalStateException("this bus node has a receiver already: one registry per node");
            }
            this.receiver = receiver;
        }
    }

    @Override
    public CompletionStage<Void> publish(Broadcast broadcast) {
        Objects.requireNonNull(broadcast, "broadcast");
        if (closed) {
            return CompletableFuture.failedFuture(
                    new BroadcastRejectedException(BroadcastRejectedException.CLOSED, "the bus is closed"));
        }
        for (InMemoryBroadcastBus node : nodes) {
            Consumer<Broadcast> r = node.receiver;
            if (node != this && r != null && !node.closed) {
                try {
                    r.accept(broadcast);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a bus receiver failed on " + broadcast.target(), e);
                }
            }
        }
        return DONE;
    }

    @Override
    public State state() {
        return closed ? State.CLOSED : State.UP;
    }

    /** Leaves the bus: this node neither publishes nor receives any more. */
    @Override
    public void close() {
        closed = true;
        nodes.remove(this);
    }

    @Override
    public String toString() {
        return "InMemoryBroadcastBus[" + nodes.size() + " nodes" + (closed ? ", closed]" : "]");
    }
}
