package dev.ws.boot.cluster;

import dev.ws.handler.Broadcast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The other nodes' side of the stream: reads every entry after the last one it saw, one read at a
 * time, and delivers each message of another node to this node's sessions.
 *
 * <p>Resumable: the position ({@code lastId}) survives disconnections, so after Redis comes back
 * the next read returns what was added meanwhile. A node starts at the end of the stream: it does
 * not replay history to sessions that were not there.
 *
 * <p>Each message is delivered once, in its node's order: a node's sequence numbers only grow, so
 * one already seen is a duplicate of a retried write and dropped; a gap means messages that never
 * arrived (trimmed, or lost by a Redis restart) and is counted as lost. The last sequence number
 * is kept for the {@value #MAX_ORIGINS} most recently heard nodes (a restarted node is a new node).
 *
 * <p>Threads: everything here runs on the bus thread, so the position and the sequence numbers
 * need no lock; the receiver (the registry) only queues frames.
 */
final class StreamReader {

    /** Nodes whose last sequence number is kept; a cluster has far fewer, restarts included. */
    static final int MAX_ORIGINS = 1024;

    private static final Log LOG = LogFactory.getLog(RedisBroadcastBus.class);

    private final StreamLink link;
    private final UUID self;
    private final BusSettings settings;
    private final ScheduledExecutorService executor;
    private final BusEvents events;
    private final Supplier<Consumer<Broadcast>> receiver;
    private final Map<UUID, Long> lastSeq = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
            return size() > MAX_ORIGINS;
        }
    };
    private String lastId;
    private volatile boolean closed;
    private long lastMalformedLog;

    StreamReader(StreamLink link, UUID self, BusSettings settings, ScheduledExecutorService executor,
            BusEvents events, Supplier<Consumer<Broadcast>> receiver) {
        this.link = link;
        this.self = self;
        this.settings = settings;
        this.executor = executor;
        this.events = events;
        this.receiver = receiver;
    }

    /** Finds the end of the stream, then reads from there; on the bus thread, after the first connect. */
    void start() {
        if (closed) {
            return;
        }
        CompletableFuture<String> end;
        try {
            end = link.lastId().toCompletableFuture();
        } catch (RuntimeException e) {
            end = CompletableFuture.failedFuture(e);
        }
        end.orTimeout(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((id, error) -> {
            if (error != null) {
                events.down(error);
                later(this::start);
            } else {
                lastId = id;
                events.up();
                read();
            }
        }, executor);
    }

    void close() {
        closed = true;
    }

    /** The id of the last entry read (or the end found at start), null before. */
    String position() {
        return lastId;
    }

    private void read() {
        if (closed) {
            return;
        }
        if (!link.isOpen()) { // nothing to gain from queueing a read in a disconnected client
            later(this::read);
            return;
        }
        CompletableFuture<List<StreamLink.Entry>> entries;
        try {
            entries = link.readAfter(lastId).toCompletableFuture();
        } catch (RuntimeException e) {
            entries = CompletableFuture.failedFuture(e);
        }
        entries.orTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((list, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                events.down(error);
                later(this::read);
                return;
            }
            events.up();
            if (list != null) {
                for (StreamLink.Entry entry : list) {
                    handle(entry);
                    lastId = entry.id();
                }
            }
            read();
        }, executor);
    }

    private void handle(StreamLink.Entry entry) {
        byte[] body = entry.body();
        if (body != null && BatchCodec.isFrom(body, self)) {
            return;
        }
        BatchCodec.Batch batch;
        try {
            if (body == null) {
                throw new IllegalArgumentException("the entry has not exactly one field");
            }
            batch = BatchCodec.decode(body);
        } catch (IllegalArgumentException e) {
            malformed(entry, e);
            return;
        }
        if (batch.messages().isEmpty()) {
            return;
        }
        Long last = lastSeq.get(batch.origin());
        int duplicates = 0;
        long lost = 0;
        long now = System.currentTimeMillis();
        Consumer<Broadcast> to = receiver.get();
        for (BatchCodec.Message m : batch.messages()) {
            if (last != null && m.seq() <= last) {
                duplicates++;
                continue;
            }
            if (last != null && m.seq() > last + 1) {
                lost += m.seq() - last - 1;
            }
            last = m.seq();
            if (to != null) {
                try {
                    to.accept(new Broadcast(m.target(), m.message()));
                } catch (RuntimeException e) {
                    LOG.warn("ws cluster bus: delivering a broadcast to " + m.target() + " failed", e);
                }
            }
            events.onReceived(now - m.publishedAtMillis());
        }
        lastSeq.put(batch.origin(), last);
        if (duplicates > 0) {
            events.onDuplicates(duplicates);
        }
        if (lost > 0) {
            events.onLost(lost);
            LOG.warn("ws cluster bus: " + lost + " messages of node " + batch.origin() + " never arrived"
                    + " (stream trimmed before they were read, or lost by Redis)");
        }
    }

    private void malformed(StreamLink.Entry entry, IllegalArgumentException e) {
        events.onMalformed();
        long now = System.nanoTime();
        if (lastMalformedLog == 0 || now - lastMalformedLog > TimeUnit.MINUTES.toNanos(1)) {
            lastMalformedLog = now;
            LOG.warn("ws cluster bus: skipped stream entry " + entry.id() + " of " + settings.stream()
                    + ", not a batch of this bus: " + e.getMessage() + " (logged once a minute)");
        }
    }

    private void later(Runnable task) {
        try {
            executor.schedule(task, settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the bus stopped
        }
    }

    @Override
    public String toString() {
        return "StreamReader[at " + lastId + ", " + lastSeq.size() + " nodes heard]";
    }
}
