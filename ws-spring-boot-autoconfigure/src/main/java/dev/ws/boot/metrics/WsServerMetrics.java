package dev.ws.boot.metrics;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters of the WebSocket server, fed by the engine's {@link ServerListener} hooks.
 * Every per-endpoint meter is tagged {@code handler} with the path <em>template</em>
 * ({@code /chat/{room}}), never the concrete path, and every tag value comes from a bounded set,
 * so the number of series does not grow with traffic:
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code ws.connections.active}</td><td>gauge</td><td>handler</td></tr>
 *   <tr><td>{@code ws.connections.opened}</td><td>counter</td><td>handler</td></tr>
 *   <tr><td>{@code ws.connections.closed}</td><td>counter</td><td>handler, code (1000..1015, 3xxx, 4xxx, other)</td></tr>
 *   <tr><td>{@code ws.handshakes.rejected}</td><td>counter</td><td>status, reason</td></tr>
 *   <tr><td>{@code ws.messages.received}</td><td>counter</td><td>handler, type (text, binary, pong)</td></tr>
 *   <tr><td>{@code ws.messages.sent}</td><td>counter</td><td>handler, type (text, binary)</td></tr>
 *   <tr><td>{@code ws.messages.size}</td><td>summary, bytes</td><td>handler, direction (in, out)</td></tr>
 *   <tr><td>{@code ws.message.handling}</td><td>timer</td><td>handler, outcome (success, error)</td></tr>
 *   <tr><td>{@code ws.outbound.queued.bytes}</td><td>gauge, bytes</td><td>none</td></tr>
 * </table>
 *
 * <p>The hooks run on event loops and handler threads: each does a map lookup by template and
 * an increment, nothing that blocks or allocates per message. Thread-safe.
 */
public class WsServerMetrics implements ServerListener {

    /** At most this many distinct handshake rejection reasons get their own series; others are "other". */
    static final int MAX_REJECTION_REASONS = 32;

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();

    /**
     * @param registry where the meters go
     * @param tags     added to every meter (e.g. an application or server name)
     */
    public WsServerMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = registry;
        this.tags = Tags.of(tags);
        Gauge.builder("ws.outbound.queued.bytes", this, WsServerMetrics::queuedBytes).tags(this.tags)
                .description("Bytes queued for sending and not yet written, over all sessions")
                .baseUnit("bytes").strongReference(true).register(registry);
    }

    /** Registers the meters of these endpoints (path templates) ahead of traffic, so they read 0. */
    public void registerEndpoints(Collection<String> templates) {
        templates.forEach(this::meters);
    }

    @Override
    public void onHandshakeRejected(int status, String reason) {
        String key = status + " " + reason;
        Counter c = rejections.get(key);
        if (c == null) {
            // interceptors may make up reasons: past the cap they share one series per status
            String r = rejections.size() < MAX_REJECTION_REASONS ? reason : "other";
            c = rejections.computeIfAbsent(status + " " + r, k -> Counter.builder("ws.handshakes.rejected").tags(tags)
                    .tag("status", Integer.toString(status)).tag("reason", r)
                    .description("Handshakes refused with an HTTP status").register(registry));
        }
        c.increment();
    }

    @Override
    public void onOpen(WebSocketSession session) {
        open.add(session);
        EndpointMeters m = meters(session.route());
        m.active.incrementAndGet();
        m.opened.increment();
    }

    @Override
    public void onClose(WebSocketSession session, CloseStatus status) {
        open.remove(session);
        EndpointMeters m = meters(session.route());
        m.active.decrementAndGet();
        m.closed(status.code()).increment();
    }

    @Override
    public void onMessageReceived(WebSocketSession session, OpCode type, int bytes) {
        EndpointMeters m = meters(session.route());
        switch (type) {
            case TEXT -> m.receivedText.increment();
            case BINARY -> m.receivedBinary.increment();
            case PONG -> m.receivedPong.increment();
            default -> {
                return;
            }
        }
        m.sizeIn.record(bytes);
    }

    @Override
    public void onMessageSent(WebSocketSession session, OpCode type, int bytes) {
        EndpointMeters m = meters(session.route());
        if (type == OpCode.TEXT) {
            m.sentText.increment();
        } else if (type == OpCode.BINARY) {
            m.sentBinary.increment();
        } else {
            return;
        }
        m.sizeOut.record(bytes);
    }

    @Override
    public void onHandled(WebSocketSession session, long nanos, Throwable error) {
        EndpointMeters m = meters(session.route());
        (error == null ? m.success : m.error).record(nanos, TimeUnit.NANOSECONDS);
    }

    private double queuedBytes() {
        long sum = 0;
        for (WebSocketSession s : open) {
            sum += s.queuedBytes();
        }
        return sum;
    }

    private EndpointMeters meters(String template) {
        EndpointMeters m = endpoints.get(template);
        return m != null ? m : endpoints.computeIfAbsent(template, t -> new EndpointMeters(registry, tags.and("handler", t)));
    }

    /** The meters of one endpoint, created together so that the hot path only looks them up. */
    private static final class EndpointMeters {
        final AtomicInteger active = new AtomicInteger();
        final MeterRegistry registry;
        final Tags tags;
        final Counter opened;
        final Map<String, Counter> closed = new ConcurrentHashMap<>();
        final Counter receivedText;
        final Counter receivedBinary;
        final Counter receivedPong;
        final Counter sentText;
        final Counter sentBinary;
        final DistributionSummary sizeIn;
        final DistributionSummary sizeOut;
        final Timer success;
        final Timer error;

        EndpointMeters(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
            Gauge.builder("ws.connections.active", active, AtomicInteger::get).tags(tags)
                    .description("Open WebSocket sessions").strongReference(true).register(registry);
            opened = Counter.builder("ws.connections.opened").tags(tags)
                    .description("WebSocket sessions opened").register(registry);
            receivedText = received("text");
            receivedBinary = received("binary");
            receivedPong = received("pong");
            sentText = sent("text");
            sentBinary = sent("binary");
            sizeIn = size("in");
            sizeOut = size("out");
            success = handling("success");
            error = handling("error");
        }

        Counter closed(int code) {
            String tag = codeTag(code);
            Counter c = closed.get(tag);
            return c != null ? c : closed.computeIfAbsent(tag, t -> Counter.builder("ws.connections.closed")
                    .tags(tags).tag("code", t).description("WebSocket sessions closed, by close code")
                    .register(registry));
        }

        private Counter received(String type) {
            return Counter.builder("ws.messages.received").tags(tags).tag("type", type)
                    .description("Whole messages received").register(registry);
        }

        private Counter sent(String type) {
            return Counter.builder("ws.messages.sent").tags(tags).tag("type", type)
                    .description("Messages queued for sending").register(registry);
        }

        private DistributionSummary size(String direction) {
            return DistributionSummary.builder("ws.messages.size").tags(tags).tag("direction", direction)
                    .baseUnit("bytes").description("Payload size of messages").register(registry);
        }

        private Timer handling(String outcome) {
            return Timer.builder("ws.message.handling").tags(tags).tag("outcome", outcome)
                    .description("Time in handler callbacks").register(registry);
        }
    }

    /** Close codes as a bounded tag: the registered ones exactly, application ranges by range. */
    static String codeTag(int code) {
        if (code >= 1000 && code <= 1015) {
            return Integer.toString(code);
        }
        if (code >= 3000 && code <= 3999) {
            return "3xxx";
        }
        if (code >= 4000 && code <= 4999) {
            return "4xxx";
        }
        return "other";
    }
}
