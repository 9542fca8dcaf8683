package dev.ws.boot.actuate;

import dev.ws.boot.WsHandlerEndpoints;
import dev.ws.server.Route;
import dev.ws.server.ServerSettings;
import dev.ws.server.SlowConsumerPolicy;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ws} actuator endpoint. Exposed like Boot's own endpoints: over HTTP only when
 * {@code management.endpoints.web.exposure.include} names {@code ws}.
 *
 * <p>{@code GET /actuator/ws}: the server ({@code running}, {@code port}, {@code connections}),
 * every route ({@code path} template, {@code bean} and {@code type} of its handler, its
 * {@code subprotocols}, its open {@code sessions}), the {@code limits} (bytes and counts) and
 * {@code timeouts} (ISO-8601 durations, {@code PT0S} when off).
 *
 * <p>{@code GET /actuator/ws/{handler}}: the open sessions of one handler, oldest first, named by
 * its bean name ({@code /actuator/ws/chatHandler}) or its path template
 * ({@code /actuator/ws/chat/%7Broom%7D}); each with {@code id}, {@code remoteAddress},
 * {@code path}, {@code subprotocol}, {@code openedAt}, {@code age} and {@code queuedBytes}. At most
 * {@code limit} (default {@value #DEFAULT_SESSION_LIMIT}) sessions are listed; {@code total} says
 * how many there are. 404 for an unknown handler. Never message contents or headers.
 */
@Endpoint(id = "ws")
public class WsEndpoint {

    /** Sessions listed per handler unless the request asks for another limit. */
    public static final int DEFAULT_SESSION_LIMIT = 100;

    private final WebSocketServer server;
    private final WsOpenSessions sessions;
    private final WsHandlerEndpoints endpoints;
    private final Function<String, Class<?>> beanTypes;

    /**
     * @param endpoints the {@code @WsHandler} beans, to name each route's bean; null when unknown
     * @param beanTypes the user type of a bean by name (null when unknown)
     */
    public WsEndpoint(WebSocketServer server, WsOpenSessions sessions, @Nullable WsHandlerEndpoints endpoints,
            Function<String, Class<?>> beanTypes) {
        this.server = server;
        this.sessions = sessions;
        this.endpoints = endpoints;
        this.beanTypes = beanTypes;
    }

    @ReadOperation
    public WsServerDescriptor server() {
        ServerSettings s = server.settings();
        List<HandlerDescriptor> handlers = server.routes().stream().map(this::describe).toList();
        Limits limits = new Limits(s.maxConnections(), s.maxHeadBytes(), s.maxFramePayload(), s.maxMessageSize(),
                s.maxPendingMessages(), s.readBufferSize(), s.outboundHighWatermark(), s.outboundLowWatermark(),
                s.slowConsumerPolicy(), s.allowedOrigins());
        Timeouts timeouts = new Timeouts(iso(s.handshakeTimeout()), iso(s.idleTimeout()), iso(s.closeTimeout()),
                iso(s.pingInterval()), iso(s.pongTimeout()), iso(s.slowConsumerTimeout()), iso(s.shutdownTimeout()));
        return new WsServerDescriptor(server.isRunning(), server.port(), server.connectionCount(), s.eventLoops(),
                s.dispatchMode().name(), handlers, limits, timeouts);
    }

    @ReadOperation
    public @Nullable HandlerSessions handler(@Selector(match = Selector.Match.ALL_REMAINING) String[] handler,
            @Nullable Integer limit) {
        Route route = find(String.join("/", handler));
        if (route == null) {
            return null;
        }
        String template = route.path().template();
        List<WebSocketSession> open = sessions.sessions(template);
        Instant now = Instant.now();
        List<SessionDescriptor> listed = open.stream()
                .sorted(Comparator.comparingLong(WebSocketSession::openedAtMillis))
                .limit(limit == null ? DEFAULT_SESSION_LIMIT : Math.max(0, limit))
                .map(session -> describe(session, now)).toList();
        return new HandlerSessions(template, beanName(template), open.size(), listed);
    }

    /** A route by bean name, or by path template with or without its leading slash. */
    private Route find(String name) {
        for (Route r : server.routes()) {
            String template = r.path().template();
            if (name.equals(beanName(template)) || template.equals(name) || template.equals("/" + name)) {
                return r;
            }
        }
        return null;
    }

    private HandlerDescriptor describe(Route route) {
        String template = route.path().template();
        String bean = beanName(template);
        Class<?> type = bean == null ? null : beanTypes.apply(bean);
        String typeName = type != null ? type.getName() : route.handler().getClass().getName();
        return new HandlerDescriptor(template, bean, typeName, route.subprotocols(), sessions.count(template));
    }

    private String beanName(String template) {
        WsHandlerEndpoints.Endpoint e = endpoints == null ? null : endpoints.find(template);
        return e == null ? null : e.beanName();
    }

    private static SessionDescriptor describe(WebSocketSession s, Instant now) {
        InetSocketAddress remote = s.remoteAddress();
        Instant opened = Instant.ofEpochMilli(s.openedAtMillis());
        return new SessionDescriptor(s.id(), remote == null ? null : remote.getHostString() + ":" + remote.getPort(),
                s.path(), s.subprotocol(), opened.toString(), iso(Duration.between(opened, now)), s.queuedBytes(),
                s.isWritable());
    }

    private static String iso(Duration d) {
        return d.isNegative() ? Duration.ZERO.toString() : d.toString();
    }

    /** {@code GET /actuator/ws}. */
    public record WsServerDescriptor(boolean running, int port, int connections, int eventLoops, String dispatchMode,
            List<HandlerDescriptor> handlers, Limits limits, Timeouts timeouts) implements OperationResponseBody {
    }

    /** One route: its template, its handler's bean (null for a route added by a customizer) and type. */
    public record HandlerDescriptor(String path, String bean, String type, List<String> subprotocols, int sessions) {
    }

    /** The active limits, sizes in bytes. */
    public record Limits(int maxConnections, int maxHeadBytes, long maxFramePayload, long maxMessageSize,
            int maxPendingMessages, int readBufferSize, long outboundHighWatermark, long outboundLowWatermark,
            SlowConsumerPolicy slowConsumerPolicy, List<String> allowedOrigins) {
    }

    /** The active timeouts as ISO-8601 durations; {@code PT0S} means off where a zero disables it. */
    public record Timeouts(String handshake, String idle, String close, String pingInterval, String pongTimeout,
            String slowConsumer, String shutdown) {
    }

    /** {@code GET /actuator/ws/{handler}}. */
    public record HandlerSessions(String path, String bean, int total, List<SessionDescriptor> sessions)
            implements OperationResponseBody {
    }

    /** One open session; {@code age} is an ISO-8601 duration, {@code openedAt} an ISO-8601 instant. */
    public record SessionDescriptor(String id, String remoteAddress, String path, String subprotocol, String openedAt,
            String age, long queuedBytes, boolean writable) {
    }
}
