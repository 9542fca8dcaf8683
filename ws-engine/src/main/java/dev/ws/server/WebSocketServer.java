package dev.ws.server;

import dev.ws.ExtensionNegotiator;
import dev.ws.HandshakeResult;
import dev.ws.Upgrader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The embedded WebSocket server: its own port, NIO event loops, sessions, backpressure, timeouts,
 * TLS and graceful shutdown. Build one with {@link #builder()}, {@link #start()} it, {@link #stop()}
 * it. Thread-safe.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .port(8025)
 *         .route("/echo", new WebSocketHandler() {
 *             public void onText(WebSocketSession s, String text) { s.sendText(text); }
 *         })
 *         .build()
 *         .start();
 * }</pre>
 */
public final class WebSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    /** How often each loop checks its connections' timers. */
    private static final long TICK_NANOS = Duration.ofMillis(100).toNanos();

    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final ServerSettings settings;
    private final List<Route> routes;
    private final ServerListener listener;
    /** Null unless traffic is observed: the connections check it before doing anything per frame. */
    private final FrameListener frameListener;
    private final List<HandshakeInterceptor> interceptors;
    private final ExtensionNegotiator extensions;
    private final SSLContext sslContext;
    private final java.util.function.Consumer<SSLParameters> sslConfigurer;
    private final Upgrader upgrader;
    private final ThreadFactory handlerThreads = Thread.ofVirtual().name("ws-handler-", 0).factory();

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sessionSerial = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private EventLoop[] loops;
    private HandshakeResult[] handshakeResults;
    private ServerSocketChannel serverChannel;
    private volatile int port = -1;

    private WebSocketServer(Builder b) {
        this.bindAddress = b.address;
        this.backlog = b.backlog;
        this.settings = b.settings();
        this.routes = List.copyOf(b.routes);
        this.listener = b.listener;
        this.frameListener = b.frameListener;
        this.interceptors = List.copyOf(b.interceptors);
        this.extensions = b.extensions;
        this.sslContext = b.sslContext;
        this.sslConfigurer = b.sslConfigurer;
        if (routes.isEmpty()) {
            throw new IllegalStateException("a server needs at least one route");
        }
        this.upgrader = Handshakes.upgrader(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts the event loops.
     *
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public WebSocketServer start() throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(bindAddress, backlog);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on " + bindAddress + ": " + e.getMessage(), e);
        }
        ch.configureBlocking(false);
        serverChannel = ch;
        port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        loops = new EventLoop[settings.eventLoops()];
        handshakeResults = new HandshakeResult[loops.length];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new EventLoop(this, i, TICK_NANOS);
            handshakeResults[i] = new HandshakeResult();
        }
        ch.register(loops[0].selector, SelectionKey.OP_ACCEPT, new Acceptor(this, ch, loops));
        for (EventLoop loop : loops) {
            loop.thread.start();
        }
        LOG.log(System.Logger.Level.INFO, () -> "WebSocket server listening on " + bindAddress.getHostString()
                + ":" + port + " (" + loops.length + " event loops, " + settings.dispatchMode() + ")");
        return this;
    }

    /** The bound port (the actual one when the builder asked for port 0), or -1 before start. */
    public int port() {
        return port;
    }

    public ServerSettings settings() {
        return settings;
    }

    public List<Route> routes() {
        return routes;
    }

    /** Open connections, handshakes in progress included. */
    public int connectionCount() {
        return connections.get();
    }

    /** Whether the server is started and not stopped. */
    public boolean isRunning() {
        return started.get() && !stopped.get();
    }

    /** Stops gracefully within {@link ServerSettings#shutdownTimeout()}. */
    public void stop() {
        stop(settings.shutdownTimeout());
    }

    /**
     * Stops the server: no new connections, 1001 "server shutting down" to every session, a wait of
     * at most {@code grace} for the peers' close replies, then every remaining connection is dropped
     * and the event loop threads end. Sends still queued fail. Idempotent.
     */
    public void stop(Duration grace) {
        if (!started.get() || !stopped.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        loops[0].execute(() -> {
            try {
                serverChannel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the listening socket", e);
            }
        });
        for (EventLoop loop : loops) {
            loop.execute(() -> {
                for (Connection c : loop.connections()) {
                    if (c.state() == Connection.HANDSHAKE) {
                        c.terminate(null);
                    } else {
                        c.close(new dev.ws.CloseStatus(dev.ws.CloseCodes.GOING_AWAY, "server shutting down"));
                    }
                }
            });
        }
        while (connections.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (EventLoop loop : loops) {
            loop.shutdown();
        }
        for (EventLoop loop : loops) {
            try {
                loop.thread.join(Math.max(1000, grace.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(System.Logger.Level.INFO, () -> "WebSocket server on port " + port + " stopped");
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ internal, for the loops

    Upgrader upgrader() {
        return upgrader;
    }

    HandshakeResult handshakeResult(EventLoop loop) {
        for (int i = 0; i < loops.length; i++) {
            if (loops[i] == loop) {
                return handshakeResults[i];
            }
        }
        throw new IllegalStateException("unknown loop " + loop);
    }

    ServerListener listener() {
        return listener;
    }

    /** The frame listener, or null when none was set. */
    FrameListener frameListener() {
        return frameListener;
    }

    List<HandshakeInterceptor> interceptors() {
        return interceptors;
    }

    ExtensionNegotiator extensionNegotiator() {
        return extensions;
    }

    boolean tryReserveConnection() {
        for (;;) {
            int n = connections.get();
            if (n >= settings.maxConnections()) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void releaseConnection() {
        connections.decrementAndGet();
    }

    long nextSessionSerial() {
        return sessionSerial.incrementAndGet();
    }

    void startHandlerThread(Runnable task) {
        handlerThreads.newThread(task).start();
    }

    Transport newTransport(SocketChannel ch) {
        if (sslContext == null) {
            return null; // plain TCP: the connection uses its channel directly
        }
        return new TlsTransport(ch, sslContext, sslConfigurer);
    }

    @Override
    public String toString() {
        return "WebSocketServer[" + bindAddress.getHostString() + ":" + port + ", " + connections.get()
                + " connections]";
    }

    /** Options of a server; every one has a documented default (see {@link ServerSettings}). */
    public static final class Builder {

        private InetSocketAddress address = new InetSocketAddress(8025);
        private int backlog = 1024;
        private final List<Route> routes = new ArrayList<>();
        private ServerListener listener = new ServerListener() { };
        private FrameListener frameListener;
        private final List<HandshakeInterceptor> interceptors = new ArrayList<>();
        private ExtensionNegotiator extensions;
        private SSLContext sslContext;
        private java.util.function.Consumer<SSLParameters> sslConfigurer = p -> { };

        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private DispatchMode dispatchMode = DispatchMode.VIRTUAL_THREADS;
        private int maxConnections = ServerSettings.DEFAULT_MAX_CONNECTIONS;
        private int maxHeadBytes = ServerSettings.DEFAULT_MAX_HEAD_BYTES;
        private int maxHeaders = ServerSettings.DEFAULT_MAX_HEADERS;
        private long maxFramePayload = ServerSettings.DEFAULT_MAX_FRAME_PAYLOAD;
        private long maxMessageSize = ServerSettings.DEFAULT_MAX_MESSAGE_SIZE;
        private Duration handshakeTimeout = ServerSettings.DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = ServerSettings.DEFAULT_IDLE_TIMEOUT;
        private Duration pingInterval = ServerSettings.DEFAULT_PING_INTERVAL;
        private Duration pongTimeout = ServerSettings.DEFAULT_PONG_TIMEOUT;
        private Duration closeTimeout = ServerSettings.DEFAULT_CLOSE_TIMEOUT;
        private long outboundHighWatermark = ServerSettings.DEFAULT_OUTBOUND_HIGH_WATERMARK;
        private long outboundLowWatermark = ServerSettings.DEFAULT_OUTBOUND_LOW_WATERMARK;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.FAIL_SEND;
        private Duration slowConsumerTimeout = ServerSettings.DEFAULT_SLOW_CONSUMER_TIMEOUT;
        private int maxPendingMessages = ServerSettings.DEFAULT_MAX_PENDING_MESSAGES;
        private int readBufferSize = ServerSettings.DEFAULT_READ_BUFFER_SIZE;
        private Duration shutdownTimeout = ServerSettings.DEFAULT_SHUTDOWN_TIMEOUT;
        private List<String> allowedOrigins = List.of();
        private List<String> captureHeaders = List.of();

        private Builder() {
        }

        /** Port on all interfaces (default 8025); 0 picks a free port, see {@link WebSocketServer#port()}. */
        public Builder port(int port) {
            this.address = new InetSocketAddress(address.getAddress(), port);
            return this;
        }

        /** Address and port to bind. */
        public Builder bind(InetSocketAddress address) {
            this.address = address;
            return this;
        }

        /** Length of the accept queue (default 1024). */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** Adds an endpoint (path template such as {@code /chat/{room}}) without subprotocols. */
        public Builder route(String path, WebSocketHandler handler) {
            return route(path, handler, List.of());
        }

        /** Adds an endpoint speaking the given subprotocols (the first the client offers that is in the list wins). */
        public Builder route(String path, WebSocketHandler handler, List<String> subprotocols) {
            PathTemplate template = PathTemplate.parse(path);
            for (Route r : routes) {
                if (r.path().template().equals(template.template())) {
                    throw new IllegalArgumentException("two routes for " + path);
                }
            }
            routes.add(new Route(template, handler, subprotocols));
            return this;
        }

        /** Observer for metrics and logs (default none). */
        public Builder listener(ServerListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Observer of every frame received and sent, for traffic logging (default none, and then
         * the engine does no work per frame for it); null removes it.
         */
        public Builder frameListener(FrameListener listener) {
            this.frameListener = listener;
            return this;
        }

        /** Adds a check run on every handshake after routing (authentication, attributes). */
        public Builder interceptor(HandshakeInterceptor interceptor) {
            this.interceptors.add(interceptor);
            return this;
        }

        /** Extension negotiation, e.g. permessage-deflate (default none). */
        public Builder extensions(ExtensionNegotiator negotiator) {
            this.extensions = negotiator;
            return this;
        }

        /** Serves wss: TLS from this context (default plain ws). */
        public Builder tls(SSLContext context) {
            return tls(context, p -> { });
        }

        /** Serves wss, with a hook to set protocols, cipher suites or client authentication. */
        public Builder tls(SSLContext context, java.util.function.Consumer<SSLParameters> configurer) {
            this.sslContext = context;
            this.sslConfigurer = configurer;
            return this;
        }

        public Builder eventLoops(int n) {
            this.eventLoops = n;
            return this;
        }

        public Builder dispatchMode(DispatchMode mode) {
            this.dispatchMode = mode;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder maxHeadBytes(int n) {
            this.maxHeadBytes = n;
            return this;
        }

        /** Header lines a handshake request may have (default 100); more get 431. */
        public Builder maxHeaders(int n) {
            this.maxHeaders = n;
            return this;
        }

        public Builder maxFramePayload(long n) {
            this.maxFramePayload = n;
            return this;
        }

        public Builder maxMessageSize(long n) {
            this.maxMessageSize = n;
            return this;
        }

        public Builder handshakeTimeout(Duration d) {
            this.handshakeTimeout = d;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        public Builder pingInterval(Duration d) {
            this.pingInterval = d;
            return this;
        }

        public Builder pongTimeout(Duration d) {
            this.pongTimeout = d;
            return this;
        }

        public Builder closeTimeout(Duration d) {
            this.closeTimeout = d;
            return this;
        }

        public Builder outboundWatermarks(long low, long high) {
            this.outboundLowWatermark = low;
            this.outboundHighWatermark = high;
            return this;
        }

        public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
            this.slowConsumerPolicy = policy;
            return this;
        }

        public Builder slowConsumerTimeout(Duration d) {
            this.slowConsumerTimeout = d;
            return this;
        }

        public Builder maxPendingMessages(int n) {
            this.maxPendingMessages = n;
            return this;
        }

        public Builder readBufferSize(int n) {
            this.readBufferSize = n;
            return this;
        }

        public Builder shutdownTimeout(Duration d) {
            this.shutdownTimeout = d;
            return this;
        }

        /** Accepted {@code Origin} values; others get 403. Empty (the default) accepts any. */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = List.copyOf(origins);
            return this;
        }

        /** Request headers to keep for {@link WebSocketSession#headers()}; "*" keeps all. */
        public Builder captureHeaders(List<String> names) {
            this.captureHeaders = List.copyOf(names);
            return this;
        }

        /** Copies every limit and timeout from settings. */
        public Builder settings(ServerSettings s) {
            eventLoops = s.eventLoops();
            dispatchMode = s.dispatchMode();
            maxConnections = s.maxConnections();
            maxHeadBytes = s.maxHeadBytes();
            maxHeaders = s.maxHeaders();
            maxFramePayload = s.maxFramePayload();
            maxMessageSize = s.maxMessageSize();
            handshakeTimeout = s.handshakeTimeout();
            idleTimeout = s.idleTimeout();
            pingInterval = s.pingInterval();
            pongTimeout = s.pongTimeout();
            closeTimeout = s.closeTimeout();
            outboundHighWatermark = s.outboundHighWatermark();
            outboundLowWatermark = s.outboundLowWatermark();
            slowConsumerPolicy = s.slowConsumerPolicy();
            slowConsumerTimeout = s.slowConsumerTimeout();
            maxPendingMessages = s.maxPendingMessages();
            readBufferSize = s.readBufferSize();
            shutdownTimeout = s.shutdownTimeout();
            allowedOrigins = s.allowedOrigins();
            captureHeaders = s.captureHeaders();
            return this;
        }

        ServerSettings settings() {
            return new ServerSettings(eventLoops, dispatchMode, maxConnections, maxHeadBytes, maxHeaders,
                    maxFramePayload, maxMessageSize, handshakeTimeout, idleTimeout, pingInterval, pongTimeout,
                    closeTimeout, outboundHighWatermark, outboundLowWatermark, slowConsumerPolicy, slowConsumerTimeout,
                    maxPendingMessages, readBufferSize, shutdownTimeout, allowedOrigins, captureHeaders);
        }

        /** Validates the options; the server is started with {@link WebSocketServer#start()}. */
        public WebSocketServer build() {
            return new WebSocketServer(this);
        }
    }
}
