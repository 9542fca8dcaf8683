package dev.ws.boot.observation;

import dev.ws.CloseStatus;
import dev.ws.boot.WsHandlerDecorator;
import dev.ws.server.HandshakeRequest;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.ByteBuffer;

/**
 * Observes the WebSocket server through an {@link ObservationRegistry}:
 * <ul>
 *   <li>{@code ws.server.handshake} around each handshake that matched a route: started when the
 *       engine reports it ({@link ServerListener#onHandshakeStarted}), in scope while the origin
 *       check and the interceptors run (their own observations nest in it), stopped at the 101 or
 *       the rejection. Trace context in the request headers ({@code traceparent}) is continued.
 *       Handshakes refused before routing (404, malformed, 503) are counted by the
 *       {@code ws.handshakes.rejected} meter instead.</li>
 *   <li>{@code ws.server.message} around each handled text, binary and pong message: the
 *       handler runs in its scope, so what it observes (a database call, an HTTP call) becomes
 *       part of the message's trace; an exception the handler throws is recorded as its error.</li>
 * </ul>
 * A {@link ServerListener} (handshakes) and a {@link WsHandlerDecorator} (messages). With the
 * no-op registry it decorates nothing and each handshake hook returns after one check.
 *
 * <p>Handshake hooks run on event loops; the observation in progress is kept in a thread-local
 * between {@code onHandshakeStarted} and the {@code onOpen} or {@code onHandshakeRejected} the
 * engine calls next on the same thread. Thread-safe.
 */
public class WsServerObservations implements ServerListener, WsHandlerDecorator {

    private static final DefaultWsHandshakeObservationConvention DEFAULT_HANDSHAKE =
            new DefaultWsHandshakeObservationConvention();
    private static final DefaultWsMessageObservationConvention DEFAULT_MESSAGE =
            new DefaultWsMessageObservationConvention();

    private final ObservationRegistry registry;
    private final WsHandshakeObservationConvention handshakeConvention;
    private final WsMessageObservationConvention messageConvention;
    private final ThreadLocal<InProgress> handshake = new ThreadLocal<>();

    /** With the default conventions. */
    public WsServerObservations(ObservationRegistry registry) {
        this(registry, null, null);
    }

    /**
     * @param handshakeConvention replaces the default handshake convention; null keeps it
     * @param messageConvention   replaces the default message convention; null keeps it
     */
    public WsServerObservations(ObservationRegistry registry, WsHandshakeObservationConvention handshakeConvention,
            WsMessageObservationConvention messageConvention) {
        this.registry = registry;
        this.handshakeConvention = handshakeConvention;
        this.messageConvention = messageConvention;
    }

    /** A handshake being observed, and its scope on this event loop. */
    private record InProgress(Observation observation, Observation.Scope scope, WsHandshakeContext context) {
    }

    @Override
    public void onHandshakeStarted(HandshakeRequest request) {
        if (registry.isNoop()) {
            return;
        }
        InProgress stale = handshake.get();
        if (stale != null) { // its connection failed between the hooks: end it rather than leak it
            finish(stale, 500);
        }
        WsHandshakeContext context = new WsHandshakeContext(request);
        Observation observation = Observation.createNotStarted(handshakeConvention, DEFAULT_HANDSHAKE,
                () -> context, registry).start();
        context.setCarrier(null); // the request is valid only during the engine's call
        handshake.set(new InProgress(observation, observation.openScope(), context));
    }

    @Override
    public void onOpen(WebSocketSession session) {
        InProgress p = handshake.get();
        if (p != null) {
            p.context().setSessionId(session.id());
            finish(p, 101);
        }
    }

    @Override
    public void onHandshakeRejected(int status, String reason) {
        InProgress p = handshake.get();
        if (p != null) {
            finish(p, status);
        }
    }

    private void finish(InProgress p, int status) {
        handshake.remove();
        p.context().setStatus(status);
        p.scope().close();
        p.observation().stop();
    }

    @Override
    public WebSocketHandler decorate(String pathTemplate, WebSocketHandler handler) {
        return registry.isNoop() ? handler : new ObservedHandler(pathTemplate, handler);
    }

    /** Runs each message callback inside a {@code ws.server.message} observation. */
    private final class ObservedHandler implements WebSocketHandler {

        private final String pathTemplate;
        private final WebSocketHandler delegate;

        ObservedHandler(String pathTemplate, WebSocketHandler delegate) {
            this.pathTemplate = pathTemplate;
            this.delegate = delegate;
        }

        private Observation observation(WebSocketSession session, String type, int size) {
            WsMessageContext context = new WsMessageContext(pathTemplate, session.path(), session.id(), type, size);
            return Observation.createNotStarted(messageConvention, DEFAULT_MESSAGE, () -> context, registry);
        }

        @Override
        public void onOpen(WebSocketSession session) throws Exception {
            delegate.onOpen(session);
        }

        @Override
        public void onText(WebSocketSession session, String text) throws Exception {
            observation(session, "text", text.length()).observeChecked(() -> delegate.onText(session, text));
        }

        @Override
        public void onBinary(WebSocketSession session, ByteBuffer data) throws Exception {
            observation(session, "binary", data.remaining()).observeChecked(() -> delegate.onBinary(session, data));
        }

        @Override
        public void onPong(WebSocketSession session, ByteBuffer data) throws Exception {
            observation(session, "pong", data.remaining()).observeChecked(() -> delegate.onPong(session, data));
        }

        @Override
        public void onError(WebSocketSession session, Throwable error) {
            delegate.onError(session, error);
        }

        @Override
        public void onClose(WebSocketSession session, CloseStatus status) {
            delegate.onClose(session, status);
        }

        @Override
        public String toString() {
            return "observed " + delegate;
        }
    }

    @Override
    public String toString() {
        return "WsServerObservations[" + registry + "]";
    }
}
