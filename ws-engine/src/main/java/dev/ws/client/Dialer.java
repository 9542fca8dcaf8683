package dev.ws.client;

import static dev.ws.client.HandshakeFailedException.Reason.CLOSED_DURING_HANDSHAKE;
import static dev.ws.client.HandshakeFailedException.Reason.MALFORMED_RESPONSE;
import static dev.ws.client.HandshakeFailedException.Reason.PROXY_REFUSED;
import static dev.ws.client.HandshakeFailedException.Reason.RESPONSE_TOO_LARGE;

import dev.ws.http.HttpChars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens client connections (RFC 6455 §4.1): TCP, optionally through an HTTP CONNECT proxy and TLS,
 * then the opening handshake, whose response is checked by every rule of §4.1 (see
 * {@link HandshakeFailedException.Reason}).
 *
 * <p>Built once with {@link #builder()}, immutable and thread-safe: one dialer serves any number of
 * connections from any threads. {@code connect} blocks until the connection is open, at most the
 * {@linkplain Builder#connectTimeout connect timeout} for TCP connect, proxy tunnel, TLS and
 * handshake together (name resolution is not counted). Bytes that arrive in the same read as the
 * 101 response stay inside the returned connection and are decoded as its first frames.
 *
 * <pre>{@code
 * Dialer dialer = Dialer.builder().subprotocols("chat").connectTimeout(Duration.ofSeconds(5)).build();
 * try (ClientConnection c = dialer.connect(URI.create("wss://example.com/chat"))) {
 *     c.sendText("hello");
 *     if (c.receive() instanceof Received.Text t) { ... }
 * }
 * }</pre>
 */
public final class Dialer {

    /** Default {@link Builder#connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link Builder#closeTimeout}, as the server's. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link Builder#maxFramePayload}. */
    public static final long DEFAULT_MAX_FRAME_PAYLOAD = 16L * 1024 * 1024;
    /** Default {@link Builder#maxMessageSize}. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 16L * 1024 * 1024;
    /** Default {@link Builder#maxResponseHeadBytes}: 8 KiB, as the server's request limit. */
    public static final int DEFAULT_MAX_RESPONSE_HEAD_BYTES = 8 * 1024;
    /** Default {@link Builder#maxQueuedBytes}. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private static final Dialer DEFAULT = builder().build();
    private static final int INITIAL_HEAD_BUFFER = 2048;
    /** Request headers the handshake writes itself, or that would corrupt it. */
    private static final Set<String> RESERVED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-accept", "sec-websocket-protocol", "sec-websocket-extensions",
            "origin", "content-length", "transfer-encoding");

    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final List<String> headers;
    private final String origin;
    private final List<String> subprotocols;
    private final List<ClientExtension> extensions;
    private final SSLContext sslContext;
    private final Consumer<SSLParameters> sslConfigurer;
    private final InetSocketAddress proxy;
    private final List<String> proxyHeaders;
    private final SocketFactory socketFactory;
    private final long maxFramePayload;
    private final long maxMessageSize;
    private final int maxResponseHeadBytes;
    private final long maxQueuedBytes;

    private Dialer(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.closeTimeout = b.closeTimeout;
        this.headers = List.copyOf(b.headers);
        this.origin = b.origin;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.extensions = List.copyOf(b.extensions);
        this.sslContext = b.sslContext;
        this.sslConfigurer = b.sslConfigurer;
        this.proxy = b.proxy;
        this.proxyHeaders = List.copyOf(b.proxyHeaders);
        this.socketFactory = b.socketFactory;
        this.maxFramePayload = b.maxFramePayload;
        this.maxMessageSize = b.maxMessageSize;
        this.maxResponseHeadBytes = b.maxResponseHeadBytes;
        this.maxQueuedBytes = b.maxQueuedBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A dialer with every default. */
    public static Dialer defaults() {
        return DEFAULT;
    }

    // ---- connecting ------------------------------------------------------------------------------

    /** {@link #connect(URI)} of {@code URI.create(uri)}. */
    public ClientConnection connect(String uri) throws IOException {
        return connect(URI.create(uri));
    }

    /**
     * Opens a connection to a {@code ws://} or {@code wss://} URI and completes the handshake.
     *
     * @throws IllegalArgumentException    when the URI is not a valid WebSocket URI (scheme, host,
     *                                     fragment, user info)
     * @throws HandshakeFailedException    when the response is not a valid upgrade, or the proxy
     *                                     refused the tunnel; the socket is closed
     * @throws SocketTimeoutException      when the connect timeout ran out
     * @throws IOException                 for other network and TLS failures
     */
    public ClientConnection connect(URI uri) throws IOException {
        Endpoint endpoint = Endpoint.of(uri);
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        Socket socket = open(endpoint, deadline);
        try {
            return handshake(socket, endpoint, deadline);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Opens a connection whose messages go to {@code handler}, on a reader virtual thread of its
     * own; returns once the handshake is done ({@link ClientHandler#onOpen} may run before or after
     * this returns).
     */
    public ClientSession connect(URI uri, ClientHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return new AsyncSession(connect(uri), handler, maxQueuedBytes).start();
    }

    /**
     * {@link #connect(URI, ClientHandler)} on a new virtual thread: the stage completes with the
     * session, or fails with the exception {@code connect} would throw.
     */
    public CompletableFuture<ClientSession> connectAsync(URI uri, ClientHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<ClientSession> result = new CompletableFuture<>();
        Thread.ofVirtual().name("ws-client-dial " + uri).start(() -> {
            try {
                result.complete(connect(uri, handler));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * Runs the opening handshake over a socket the caller connected (and secured) itself, for
     * transports the dialer does not cover. The URI gives the request target and {@code Host}; its
     * scheme must match what the socket is. The returned connection owns the socket.
     */
    public ClientConnection upgrade(Socket socket, URI uri) throws IOException {
        Endpoint endpoint = Endpoint.of(uri);
        return handshake(socket, endpoint, System.nanoTime() + connectTimeout.toNanos());
    }

    /** TCP connect, proxy tunnel and TLS, within the deadline. */
    private Socket open(Endpoint endpoint, long deadline) throws IOException {
        InetSocketAddress address = proxy != null ? proxy : new InetSocketAddress(endpoint.host(), endpoint.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        Socket tcp = socketFactory.createSocket();
        try {
            tcp.connect(address, remainingMillis(deadline, endpoint));
            tcp.setTcpNoDelay(true);
            if (proxy != null) {
                tunnel(tcp, endpoint, deadline);
            }
            return endpoint.secure() ? secure(tcp, endpoint, deadline) : tcp;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(tcp);
            throw e;
        }
    }

    /** HTTP CONNECT (RFC 7231 §4.3.6): asks the proxy for a tunnel to the endpoint. */
    private void tunnel(Socket tcp, Endpoint endpoint, long deadline) throws IOException {
        StringBuilder sb = new StringBuilder(128);
        sb.append("CONNECT ").append(endpoint.authority()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(endpoint.authority()).append("\r\n");
        for (int i = 0; i < proxyHeaders.size(); i += 2) {
            sb.append(proxyHeaders.get(i)).append(": ").append(proxyHeaders.get(i + 1)).append("\r\n");
        }
        sb.append("\r\n");
        OutputStream out = tcp.getOutputStream();
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        HeadRead read = readHead(tcp, tcp.getInputStream(), deadline, endpoint, "proxy");
        ResponseHead head = read.head();
        if (head.status() / 100 != 2) {
            throw new HandshakeFailedException(PROXY_REFUSED, head.status(), head.headers(), "proxy " + proxy
                    + " answered CONNECT " + endpoint.authority() + " with " + head.status()
                    + (head.phrase().isEmpty() ? "" : " " + ResponseHead.cut(head.phrase())));
        }
        if (read.early().hasRemaining()) {
            // the client speaks first in both TLS and the WebSocket handshake
            throw new HandshakeFailedException(MALFORMED_RESPONSE, head.status(), head.headers(), "proxy " + proxy
                    + " sent " + read.early().remaining() + " bytes after its CONNECT response");
        }
    }

    /** TLS over the connected socket, with SNI and host name verification (RFC 6125). */
    private Socket secure(Socket tcp, Endpoint endpoint, long deadline) throws IOException {
        SSLContext context = sslContext;
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default SSLContext", e);
            }
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(endpoint.host())) {
            parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
        }
        sslConfigurer.accept(parameters);
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline, endpoint));
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw timeout(endpoint, "TLS handshake");
        }
        return ssl;
    }

    private ClientConnection handshake(Socket socket, Endpoint endpoint, long deadline) throws IOException {
        ClientHandshake handshake = new ClientHandshake(endpoint, this);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        out.write(handshake.request());
        out.flush();
        HeadRead read = readHead(socket, in, deadline, endpoint, "server");
        ClientHandshake.Negotiated negotiated = handshake.check(read.head());
        socket.setSoTimeout(0);
        return new ClientConnection(this, endpoint.uri(), socket, in, out, read.early(), negotiated);
    }

    /**
     * The response head, read within the deadline and the head limit.
     *
     * @param early the bytes read past the head (frames sent together with the 101)
     */
    private record HeadRead(ResponseHead head, ByteBuffer early) {
    }

    private HeadRead readHead(Socket socket, InputStream in, long deadline, Endpoint endpoint, String from)
            throws IOException {
        byte[] buf = new byte[Math.min(maxResponseHeadBytes, INITIAL_HEAD_BUFFER)];
        int length = 0;
        int scanned = 0;
        while (true) {
            if (length == buf.length) {
                if (buf.length >= maxResponseHeadBytes) {
                    throw new HandshakeFailedException(RESPONSE_TOO_LARGE, 0, null, "the " + from
                            + "'s response head exceeds " + maxResponseHeadBytes + " bytes");
                }
                buf = Arrays.copyOf(buf, Math.min(maxResponseHeadBytes, 2 * buf.length));
            }
            socket.setSoTimeout(remainingMillis(deadline, endpoint));
            int n;
            try {
                n = in.read(buf, length, buf.length - length);
            } catch (SocketTimeoutException e) {
                throw timeout(endpoint, "response from the " + from);
            }
            if (n < 0) {
                throw new HandshakeFailedException(CLOSED_DURING_HANDSHAKE, 0, null, "the " + from + " closed the "
                        + "connection after " + length + " bytes of its response"
                        + (length == 0 ? "" : ": \"" + ResponseHead.cut(new String(buf, 0, length,
                        StandardCharsets.ISO_8859_1).strip()) + "\""));
            }
            length += n;
            int end = ResponseHead.end(buf, Math.max(0, scanned - 2), length);
            scanned = length;
            if (end != ResponseHead.INCOMPLETE) {
                ResponseHead head;
                try {
                    head = ResponseHead.parse(buf, 0, end);
                } catch (IllegalArgumentException e) {
                    throw new HandshakeFailedException(MALFORMED_RESPONSE, 0, null, "the " + from + " sent a "
                            + e.getMessage());
                }
                return new HeadRead(head, ByteBuffer.wrap(buf, end, length - end).slice());
            }
        }
    }

    private int remainingMillis(long deadline, Endpoint endpoint) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timeout(endpoint, "connection");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    private SocketTimeoutException timeout(Endpoint endpoint, String what) {
        return new SocketTimeoutException("connect timeout of " + connectTimeout.toMillis() + " ms ran out waiting "
                + "for the " + what + " (" + endpoint.uri() + ")");
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    // ---- options, for the connection and handshake -----------------------------------------------

    Duration closeTimeout() {
        return closeTimeout;
    }

    long maxFramePayload() {
        return maxFramePayload;
    }

    long maxMessageSize() {
        return maxMessageSize;
    }

    String origin() {
        return origin;
    }

    List<String> subprotocols() {
        return subprotocols;
    }

    List<ClientExtension> extensions() {
        return extensions;
    }

    /** Extra request headers as alternating names and values. */
    List<String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "Dialer[connectTimeout=" + connectTimeout + ", closeTimeout=" + closeTimeout
                + (subprotocols.isEmpty() ? "" : ", subprotocols=" + subprotocols)
                + (extensions.isEmpty() ? "" : ", extensions=" + extensions.size())
                + (proxy == null ? "" : ", proxy=" + proxy)
                + ", maxMessageSize=" + maxMessageSize + "]";
    }

    /** Options of a {@link Dialer}; each has the default documented on its setter. Not thread-safe. */
    public static final class Builder {

        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private final List<String> headers = new ArrayList<>();
        private String origin;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<ClientExtension> extensions = new ArrayList<>();
        private SSLContext sslContext;
        private Consumer<SSLParameters> sslConfigurer = p -> { };
        private InetSocketAddress proxy;
        private final List<String> proxyHeaders = new ArrayList<>();
        private SocketFactory socketFactory = SocketFactory.getDefault();
        private long maxFramePayload = DEFAULT_MAX_FRAME_PAYLOAD;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxResponseHeadBytes = DEFAULT_MAX_RESPONSE_HEAD_BYTES;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;

        private Builder() {
        }

        /**
         * The most time from the start of {@code connect} to the checked 101 response: TCP connect,
         * proxy tunnel, TLS handshake and opening handshake together (default 10 s).
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a closing connection waits for the server's close frame and TCP close before it
         * closes the socket itself (default 5 s).
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /**
         * Adds a request header (repeatable). The handshake's own headers ({@code Host},
         * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}, {@code Origin}: see
         * {@link #origin}) and body framing headers are refused.
         *
         * @throws IllegalArgumentException for a reserved or malformed name, or a value with CR, LF
         *                                  or another control character
         */
        public Builder header(String name, String value) {
            checkHeader(name, value);
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the handshake writes " + name + " itself");
            }
            headers.add(name);
            headers.add(value);
            return this;
        }

        /** The {@code Origin} header (RFC 6455 §4.1 item 8, §10.2); default none (not a browser). */
        public Builder origin(String origin) {
            if (origin != null) {
                checkHeader("Origin", origin);
            }
            this.origin = origin;
            return this;
        }

        /** The subprotocols to offer, in order of preference (default none); replaces earlier ones. */
        public Builder subprotocols(String... protocols) {
            return subprotocols(List.of(protocols));
        }

        public Builder subprotocols(List<String> protocols) {
            for (String p : protocols) {
                if (!HttpChars.isToken(p)) {
                    throw new IllegalArgumentException("a subprotocol must be a token (RFC 6455 §4.1 item 10): \""
                            + p + "\"");
                }
            }
            if (protocols.stream().distinct().count() != protocols.size()) {
                throw new IllegalArgumentException("subprotocols must be unique: " + protocols);
            }
            subprotocols.clear();
            subprotocols.addAll(protocols);
            return this;
        }

        /** Adds an extension to offer (default none), e.g. permessage-deflate. */
        public Builder extension(ClientExtension extension) {
            if (extension.offers().isEmpty()) {
                throw new IllegalArgumentException("extension " + extension + " offers nothing");
            }
            extensions.add(extension);
            return this;
        }

        /** The TLS context for {@code wss://} (default {@link SSLContext#getDefault()}). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Adjusts each TLS connection's parameters after the dialer set SNI (the URI's host name) and
         * host name verification ({@code HTTPS}); e.g. protocols, cipher suites, ALPN. Default none.
         */
        public Builder sslParameters(Consumer<SSLParameters> configurer) {
            this.sslConfigurer = Objects.requireNonNull(configurer, "configurer");
            return this;
        }

        /**
         * Connects through an HTTP proxy with {@code CONNECT host:port} (RFC 7231 §4.3.6), for both
         * {@code ws} and {@code wss}; default none (direct). A status other than 2xx fails with
         * {@link HandshakeFailedException.Reason#PROXY_REFUSED}.
         */
        public Builder proxy(InetSocketAddress proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Adds a header to the CONNECT request, e.g. {@code Proxy-Authorization} (repeatable). */
        public Builder proxyHeader(String name, String value) {
            checkHeader(name, value);
            if (name.equalsIgnoreCase("host")) {
                throw new IllegalArgumentException("the CONNECT request writes Host itself");
            }
            proxyHeaders.add(name);
            proxyHeaders.add(value);
            return this;
        }

        /**
         * Creates the TCP sockets (default {@link SocketFactory#getDefault()}): the hook for socket
         * options, binding to a local address, or a custom transport. The factory's
         * {@code createSocket()} must return an unconnected socket; the dialer connects it.
         */
        public Builder socketFactory(SocketFactory factory) {
            this.socketFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The largest frame payload accepted (default 16 MiB); larger ones fail with 1009. */
        public Builder maxFramePayload(long bytes) {
            this.maxFramePayload = positive(bytes, "maxFramePayload");
            return this;
        }

        /** The largest message accepted, fragments joined (default 16 MiB); larger ones fail with 1009. */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        /** The largest response head, status line to blank line (default 8 KiB, at least 256). */
        public Builder maxResponseHeadBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("maxResponseHeadBytes must be at least 256, got " + bytes);
            }
            this.maxResponseHeadBytes = bytes;
            return this;
        }

        /**
         * The most bytes a {@link ClientSession} queues for writing (default 16 MiB); a send beyond it
         * fails, except that one message of any size is accepted into an empty queue.
         */
        public Builder maxQueuedBytes(long bytes) {
            this.maxQueuedBytes = positive(bytes, "maxQueuedBytes");
            return this;
        }

        public Dialer build() {
            return new Dialer(this);
        }

        private static void checkHeader(String name, String value) {
            if (name == null || !HttpChars.isToken(name)) {
                throw new IllegalArgumentException("header name is not a token: " + name);
            }
            if (value == null || !HttpChars.isFieldValue(value) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a value a header cannot carry");
            }
            if (!value.equals(value.strip())) {
                throw new IllegalArgumentException("header " + name + " value has surrounding whitespace");
            }
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        private static long positive(long v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
            return v;
        }
    }
}
