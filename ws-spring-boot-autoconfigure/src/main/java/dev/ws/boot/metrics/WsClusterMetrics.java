package dev.ws.boot.metrics;

import dev.ws.boot.cluster.BroadcastBusListener;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.handler.BroadcastBus;
import dev.ws.handler.BroadcastRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the cluster broadcast bus, fed by its {@link BroadcastBusListener} hooks.
 * Every tag value comes from a fixed set:
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code ws.cluster.messages.published}</td><td>counter</td><td>none: this node's messages Redis accepted</td></tr>
 *   <tr><td>{@code ws.cluster.messages.received}</td><td>counter</td><td>none: other nodes' messages delivered here</td></tr>
 *   <tr><td>{@code ws.cluster.publish.failures}</td><td>counter</td><td>reason: redis (retried), buffer-full,
 *       expired, too-large, closed (the other nodes never get them)</td></tr>
 *   <tr><td>{@code ws.cluster.messages.duplicates}</td><td>counter</td><td>none: copies of retried writes, dropped</td></tr>
 *   <tr><td>{@code ws.cluster.messages.lost}</td><td>counter</td><td>none: gaps in another node's sequence</td></tr>
 *   <tr><td>{@code ws.cluster.messages.malformed}</td><td>counter</td><td>none: stream entries skipped</td></tr>
 *   <tr><td>{@code ws.cluster.lag}</td><td>timer</td><td>none: from publish on the sending node to delivery here</td></tr>
 *   <tr><td>{@code ws.cluster.buffered}</td><td>gauge, messages</td><td>none: waiting for Redis</td></tr>
 *   <tr><td>{@code ws.cluster.buffered.bytes}</td><td>gauge, bytes</td><td>none</td></tr>
 *   <tr><td>{@code ws.cluster.connected}</td><td>gauge</td><td>none: 1 while the bus is UP, else 0</td></tr>
 * </table>
 *
 * <p>The hooks run on the bus thread and on publishing threads: an increment or a timer record,
 * nothing that blocks. It adds itself to the bus as a listener when created.
 */
public class WsClusterMetrics implements BroadcastBusListener {

    private static final String[] REASONS = {"redis", BroadcastRejectedException.BUFFER_FULL,
            BroadcastRejectedException.EXPIRED, BroadcastRejectedException.TOO_LARGE, BroadcastRejectedException.CLOSED};

    private final Counter published;
    private final Counter received;
    private final Counter duplicates;
    private final Counter lost;
    private final Counter malformed;
    private final Counter otherFailures;
    private final Map<String, Counter> failures;
    private final Timer lag;

    /**
     * @param registry where the meters go
     * @param tags     added to every meter
     * @param bus      the bus to observe; this adds itself as its listener
     */
    public WsClusterMetrics(MeterRegistry registry, Iterable<Tag> tags, RedisBroadcastBus bus) {
        Tags t = Tags.of(tags);
        published = Counter.builder("ws.cluster.messages.published").tags(t)
                .description("Messages of this node that Redis accepted for the other nodes").register(registry);
        received = Counter.builder("ws.cluster.messages.received").tags(t)
                .description("Messages of other nodes delivered to this node's sessions").register(registry);
        duplicates = Counter.builder("ws.cluster.messages.duplicates").tags(t)
                .description("Copies of retried writes that were dropped").register(registry);
        lost = Counter.builder("ws.cluster.messages.lost").tags(t)
                .description("Messages of other nodes that never arrived (gaps in their sequence)").register(registry);
        malformed = Counter.builder("ws.cluster.messages.malformed").tags(t)
                .description("Stream entries that were not batches of this bus and were skipped").register(registry);
        Map<String, Counter> byReason = new java.util.HashMap<>();
        for (String reason : REASONS) {
            byReason.put(reason, failure(registry, t, reason));
        }
        failures = Map.copyOf(byReason);
        otherFailures = failure(registry, t, "other");
        lag = Timer.builder("ws.cluster.lag").tags(t)
                .description("Time from publish on the sending node to delivery on this node").register(registry);
        Gauge.builder("ws.cluster.buffered", bus, RedisBroadcastBus::buffered).tags(t)
                .description("Messages of this node waiting for Redis").baseUnit("messages").register(registry);
        Gauge.builder("ws.cluster.buffered.bytes", bus, RedisBroadcastBus::bufferedBytes).tags(t)
                .description("Bytes of this node's messages waiting for Redis").baseUnit("bytes").register(registry);
        Gauge.builder("ws.cluster.connected", bus, b -> b.state() == BroadcastBus.State.UP ? 1 : 0).tags(t)
                .description("1 while the cluster bus publishes and receives, 0 otherwise").register(registry);
        bus.addListener(this);
    }

    private static Counter failure(MeterRegistry registry, Tags tags, String reason) {
        return Counter.builder("ws.cluster.publish.failures").tags(tags).tag("reason", reason)
                .description("Messages Redis did not take: retried (redis) or given up (the other reasons)")
                .register(registry);
    }

    @Override
    public void onPublished(int messages) {
        published.increment(messages);
    }

    @Override
    public void onPublishFailed(int messages, String reason) {
        failures.getOrDefault(reason, otherFailures).increment(messages);
    }

    @Override
    public void onReceived(long lagMillis) {
        received.increment();
        lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS); // clock skew between nodes can make it negative
    }

    @Override
    public void onDuplicates(int messages) {
        duplicates.increment(messages);
    }

    @Override
    public void onLost(long messages) {
        lost.increment(messages);
    }

    @Override
    public void onMalformed() {
        malformed.increment();
    }
}
