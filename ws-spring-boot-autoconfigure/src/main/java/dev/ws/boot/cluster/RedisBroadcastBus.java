package dev.ws.boot.cluster;

import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastBus;
import io.lettuce.core.AbstractRedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link BroadcastBus} over one Redis stream ({@code XADD} / {@code XREAD}), through Lettuce as
 * Spring Boot configures it. Every node appends its broadcasts to the stream and reads everyone
 * else's from it.
 *
 * <p><b>Semantics: resumable, each message delivered at most once per node, in order per
 * publishing node.</b>
 * <ul>
 * <li>Publishing never blocks: a message joins a bounded buffer ({@link Builder#bufferMaxMessages},
 * {@link Builder#bufferMaxBytes}) and is written in a batch, one write in flight at a time, so the
 * stream holds a node's messages in publish order. A failed or timed-out write is retried while
 * Redis is unreachable, for up to {@link Builder#bufferMaxAge}; then the messages are dropped.
 * A full buffer refuses at once. Refusals and drops fail the publish stage with a
 * {@link dev.ws.handler.BroadcastRejectedException} and are reported to the listeners.</li>
 * <li>Each node reads from where it stopped: a node that lost Redis for a while gets what was
 * written meanwhile, within the stream's length ({@link Builder#maxLength}, trimmed
 * approximately). Messages of a node carry sequence numbers: retried duplicates are dropped and
 * gaps (trimmed, or lost by a Redis restart without persistence) are counted as lost.</li>
 * <li>A node starts at the end of the stream; its own entries never come back to it.</li>
 * <li>Redis down: local delivery goes on (the registry never waits for the bus), the state turns
 * {@link State#DOWN}, the bus retries every {@link Builder#retryInterval}; Lettuce reconnects.</li>
 * </ul>
 *
 * <p>Threads: one daemon thread per bus ({@code ws-cluster}) reads, delivers to the registry,
 * retries and completes publish stages. {@link #publish} runs on any thread. Lifecycle: a
 * {@link SmartLifecycle} in {@link #PHASE}, after Boot's Redis connection factory and before the
 * WebSocket server; {@link #stop()} waits up to {@link Builder#shutdownTimeout} for buffered
 * messages, then closes. It does not restart after a stop.
 */
public final class RedisBroadcastBus implements BroadcastBus, SmartLifecycle {

    /** Starts before (and stops after) the WebSocket server, and after Boot's Redis connection factory. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final UUID nodeId = UUID.randomUUID();
    private final BusSettings settings;
    private final StreamLink link;
    private final BusEvents events;
    private final ScheduledExecutorService executor;
    private final StreamPublisher publisher;
    private final StreamReader reader;
    private volatile Consumer<Broadcast> receiver;
    private volatile boolean started;
    private volatile boolean closed;

    /** A bus on the client the supplier gives when the bus starts (Boot's, from the connection factory). */
    public static Builder builder(Supplier<? extends AbstractRedisClient> client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    RedisBroadcastBus(java.util.function.Function<BusSettings, StreamLink> links, BusSettings settings) {
        this.settings = settings;
        this.link = links.apply(settings);
        this.events = new BusEvents(settings.stream());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-cluster");
            t.setDaemon(true);
            return t;
        });
        this.publisher = new StreamPublisher(link, nodeId, settings, executor, events);
        this.reader = new StreamReader(link, nodeId, settings, executor, events, () -> receiver);
    }

    @Override
    public void subscribe(Consumer<Broadcast> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (this) {
            if (this.receiver != null) {
                throw new IllegalStateException("this bus has a receiver already: one registry per bus");
            }
            this.receiver = receiver;
        }
    }

    /** Buffers the broadcast for Redis; see the class comment for what the stage tells. */
    @Override
    public CompletionStage<Void> publish(Broadcast broadcast) {
        return publisher.publish(Objects.requireNonNull(broadcast, "broadcast"));
    }

    @Override
    public State state() {
        return events.state();
    }

    /** When the bus entered its current state. */
    public Instant stateSince() {
        return events.since();
    }

    /** The last failure seen (connect, write or read), or null. */
    public String lastError() {
        return events.lastError();
    }

    /** This node's id in the stream, new at each start of the application. */
    public UUID nodeId() {
        return nodeId;
    }

    /** The stream's key. */
    public String stream() {
        return settings.stream();
    }

    /** Messages of this node waiting for Redis. */
    public int buffered() {
        return publisher.buffered();
    }

    /** Bytes of this node's messages waiting for Redis. */
    public long bufferedBytes() {
        return publisher.bufferedBytes();
    }

    /** Adds a listener (meters); it hears what happens from now on. */
    public void addListener(BroadcastBusListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Connects in the background (Redis may be down now: the bus retries) and starts reading. */
    @Override
    public void start() {
        synchronized (this) {
            if (started || closed) {
                return;
            }
            started = true;
        }
        executor.execute(this::connect);
        long every = settings.retryInterval().toMillis();
        executor.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            link.connect();
        } catch (Exception e) {
            events.down(e);
            executor.schedule(this::connect, settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        reader.start();
    }

    /** Notices a lost connection while nothing is written (a pending read just waits for the reconnect). */
    private void watch() {
        State s = events.state();
        if (s == State.UP && !link.isOpen()) {
            events.down("connection lost");
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return started && !closed;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Waits up to the shutdown timeout for buffered messages, then fails the rest and disconnects. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        publisher.close();
        reader.close();
        executor.shutdownNow();
        link.close();
        events.closed();
    }

    @Override
    public String toString() {
        return "RedisBroadcastBus[" + settings.stream() + ", node " + nodeId + ", " + state() + ", "
                + publisher.buffered() + " buffered]";
    }

    /**
     * Settings of a {@link RedisBroadcastBus}, each with its default. The bounds are what a node
     * holds for Redis: nothing here grows without one.
     */
    public static final class Builder {

        private final Supplier<? extends AbstractRedisClient> client;
        private String stream = "ws:broadcast";
        private long maxLength = 10_000;
        private Duration pollTimeout = Duration.ofSeconds(2);
        private int readCount = 100;
        private Duration commandTimeout = Duration.ofSeconds(5);
        private Duration retryInterval = Duration.ofMillis(500);
        private int bufferMaxMessages = 10_000;
        private long bufferMaxBytes = 16L * 1024 * 1024;
        private Duration bufferMaxAge = Duration.ofMinutes(2);
        private int batchMaxMessages = 256;
        private int batchMaxBytes = 1024 * 1024;
        private Duration shutdownTimeout = Duration.ofSeconds(2);

        private Builder(Supplier<? extends AbstractRedisClient> client) {
            this.client = client;
        }

        /** The stream's key; applications that share a Redis use different keys. Default {@code ws:broadcast}. */
        public Builder stream(String key) {
            this.stream = key;
            return this;
        }

        /**
         * Entries (batches) the stream keeps, trimmed approximately on each write: how far a node
         * that lost Redis can catch up. Default 10,000.
         */
        public Builder maxLength(long entries) {
            this.maxLength = entries;
            return this;
        }

        /** How long one read waits on the server for new entries ({@code XREAD BLOCK}). Default 2 s. */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /** Most entries one read returns. Default 100. */
        public Builder readCount(int entries) {
            this.readCount = entries;
            return this;
        }

        /** How long a write (or the end-of-stream lookup) may take before it is retried. Default 5 s. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** Pause between attempts while Redis is unreachable (connect, write, read). Default 500 ms. */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = interval;
            return this;
        }

        /** Most messages waiting for Redis; more are refused ({@code buffer-full}). Default 10,000. */
        public Builder bufferMaxMessages(int messages) {
            this.bufferMaxMessages = messages;
            return this;
        }

        /** Most bytes of messages waiting for Redis; more are refused ({@code buffer-full}). Default 16 MiB. */
        public Builder bufferMaxBytes(long bytes) {
            this.bufferMaxBytes = bytes;
            return this;
        }

        /** How long a message may wait for Redis; older ones are dropped ({@code expired}). Default 2 min. */
        public Builder bufferMaxAge(Duration age) {
            this.bufferMaxAge = age;
            return this;
        }

        /** Most messages in one stream entry. Default 256. */
        public Builder batchMaxMessages(int messages) {
            this.batchMaxMessages = messages;
            return this;
        }

        /** Most bytes in one stream entry (a larger message goes alone). Default 1 MiB. */
        public Builder batchMaxBytes(int bytes) {
            this.batchMaxBytes = bytes;
            return this;
        }

        /** How long {@link #stop()} waits for buffered messages to be written. Default 2 s; 0 waits not at all. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public RedisBroadcastBus build() {
            return new RedisBroadcastBus(s -> new LettuceStreamLink(client, s), settings());
        }

        BusSettings settings() {
            return new BusSettings(stream, maxLength, pollTimeout, readCount, commandTimeout, retryInterval,
                    bufferMaxMessages, bufferMaxBytes, bufferMaxAge, batchMaxMessages, batchMaxBytes, shutdownTimeout);
        }
    }
}
