package dev.ws.boot.test.client;

import dev.ws.boot.JacksonMessageCodec;
import dev.ws.client.Dialer;
import dev.ws.client.HandshakeFailedException;
import dev.ws.handler.MessageCodec;
import dev.ws.server.WebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.util.ClassUtils;

/**
 * A WebSocket client for tests: connect to a handler path of a running server, send text, binary
 * or JSON, await the next message with a timeout, assert close codes. Failures are
 * {@link AssertionError}s that say what was expected and what came instead.
 *
 * <pre>{@code
 * WsTestClient client = WsTestClient.create(port);          // ws://127.0.0.1:port
 * try (WsTestSession chat = client.connect("/chat/lobby")) {
 *     chat.sendJson(new ChatMessage("ann", "hi"));
 *     ChatEvent event = chat.awaitJson(ChatEvent.class);
 *     chat.sendText("bye").expectClose(4001);
 * }
 * client.expectRejected("/admin", 401);
 * }</pre>
 *
 * <p>Immutable: each {@code withXxx} returns a new client (headers, subprotocols, timeout, codec,
 * dialer options), so one client can be shared by the tests of a class. In a Spring test,
 * {@code @WsTest} and {@code @AutoConfigureWsTestClient} provide one as a bean, bound to the
 * application's server and its {@link MessageCodec}.
 *
 * <p>Underneath is the engine's own client ({@link Dialer}), which checks the server's frames
 * strictly (masking, UTF-8, close codes) and answers pings itself.
 */
public final class WsTestClient {

    /** How long an await or a send waits unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<URI> base;
    private final Duration timeout;
    private final List<String[]> headers;
    private final List<String> subprotocols;
    private final MessageCodec codec;
    private final Consumer<Dialer.Builder> dialerOptions;

    private WsTestClient(Supplier<URI> base, Duration timeout, List<String[]> headers, List<String> subprotocols,
            MessageCodec codec, Consumer<Dialer.Builder> dialerOptions) {
        this.base = base;
        this.timeout = timeout;
        this.headers = List.copyOf(headers);
        this.subprotocols = List.copyOf(subprotocols);
        this.codec = codec;
        this.dialerOptions = dialerOptions;
    }

    /** A client of {@code ws://127.0.0.1:port}, e.g. the port from {@code @LocalWsServerPort}. */
    public static WsTestClient create(int port) {
        return create(URI.create("ws://127.0.0.1:" + port));
    }

    /** A client of a base URI ({@code ws://host:port} or {@code wss://host:port}); paths are resolved against it. */
    public static WsTestClient create(URI baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        return new WsTestClient(() -> baseUri, DEFAULT_TIMEOUT, List.of(), List.of(), defaultCodec(), b -> { });
    }

    /**
     * A client of a server on this machine, looking its port up at each connect, so it can be
     * made before the server has started (a bean created before the context's refresh ends).
     *
     * @param scheme {@code ws}, or {@code wss} for a server with TLS (then give the dialer a
     *               trusting {@code SSLContext} with {@link #withDialer})
     */
    public static WsTestClient forServer(WebSocketServer server, String scheme) {
        return forServer(server, scheme, "127.0.0.1");
    }

    /**
     * Like {@link #forServer(WebSocketServer, String)}, for a server bound to one address only.
     *
     * @param host the host (name or literal address; IPv6 in brackets) to connect to
     */
    public static WsTestClient forServer(WebSocketServer server, String scheme, String host) {
        Objects.requireNonNull(server, "server");
        return new WsTestClient(() -> {
            int port = server.port();
            if (port <= 0) {
                throw new IllegalStateException("the WebSocket server has not started yet");
            }
            return URI.create(scheme + "://" + host + ":" + port);
        }, DEFAULT_TIMEOUT, List.of(), List.of(), defaultCodec(), b -> { });
    }

    /** Jackson's shared mapper when Jackson is on the classpath, else none (JSON then fails clearly). */
    private static MessageCodec defaultCodec() {
        if (ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", WsTestClient.class.getClassLoader())) {
            return new JacksonMessageCodec(tools.jackson.databind.json.JsonMapper.shared());
        }
        return null;
    }

    /** The same client with another timeout for awaits, sends and the handshake. */
    public WsTestClient withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new WsTestClient(base, timeout, headers, subprotocols, codec, dialerOptions);
    }

    /** The same client sending one more handshake request header (e.g. Authorization). */
    public WsTestClient withHeader(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new WsTestClient(base, timeout, more, subprotocols, codec, dialerOptions);
    }

    /** The same client offering these subprotocols, in preference order. */
    public WsTestClient withSubprotocols(String... protocols) {
        return new WsTestClient(base, timeout, headers, List.of(protocols), codec, dialerOptions);
    }

    /** The same client encoding and decoding JSON with this codec (the application's, ideally). */
    public WsTestClient withCodec(MessageCodec codec) {
        return new WsTestClient(base, timeout, headers, subprotocols, codec, dialerOptions);
    }

    /**
     * The same client with more dialer options, applied after the client's own: TLS
     * ({@code sslContext}), {@code origin}, permessage-deflate ({@code extension}), limits.
     */
    public WsTestClient withDialer(Consumer<Dialer.Builder> options) {
        return new WsTestClient(base, timeout, headers, subprotocols, codec, dialerOptions.andThen(options));
    }

    /** The timeout of awaits, sends and handshakes. */
    public Duration timeout() {
        return timeout;
    }

    /** The URI a path (with its query, if any) resolves to. */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
        }
        URI b = base.get();
        String prefix = b.getRawPath() == null || b.getRawPath().equals("/") ? "" : b.getRawPath();
        return URI.create(b.getScheme() + "://" + b.getRawAuthority() + prefix + path);
    }

    /**
     * Opens a session on a path, e.g. {@code /chat/lobby}.
     *
     * @throws AssertionError when the handshake is refused (naming the status) or fails
     */
    public WsTestSession connect(String path) {
        URI uri = uri(path);
        try {
            return WsTestSession.open(dialer(), uri, path, timeout, codec);
        } catch (HandshakeFailedException e) {
            throw new AssertionError(e.status() > 0
                    ? "the handshake to " + uri + " was refused with HTTP " + e.status()
                    : "the handshake to " + uri + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AssertionError("could not connect to " + uri + ": " + e, e);
        }
    }

    /**
     * The HTTP status with which the server refuses a handshake on this path.
     *
     * @throws AssertionError when the handshake succeeds (the session is closed again)
     */
    public int rejectionStatus(String path) {
        URI uri = uri(path);
        try {
            WsTestSession s = WsTestSession.open(dialer(), uri, path, timeout, codec);
            s.close();
            throw new AssertionError("expected the handshake to " + uri + " to be refused, but it succeeded");
        } catch (HandshakeFailedException e) {
            if (e.status() <= 0) {
                throw new AssertionError("the handshake to " + uri + " failed without an HTTP status: "
                        + e.getMessage(), e);
            }
            return e.status();
        } catch (IOException e) {
            throw new AssertionError("could not connect to " + uri + ": " + e, e);
        }
    }

    /** Asserts that the server refuses a handshake on this path with this HTTP status (401, 403, 404 …). */
    public WsTestClient expectRejected(String path, int status) {
        int actual = rejectionStatus(path);
        if (actual != status) {
            throw new AssertionError("expected the handshake to " + uri(path) + " to be refused with HTTP " + status
                    + ", but it was refused with HTTP " + actual);
        }
        return this;
    }

    private Dialer dialer() {
        Dialer.Builder b = Dialer.builder().connectTimeout(timeout);
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols);
        }
        dialerOptions.accept(b);
        return b.build();
    }

    @Override
    public String toString() {
        URI b;
        try {
            b = base.get();
        } catch (IllegalStateException e) {
            return "WsTestClient[server not started]";
        }
        return "WsTestClient[" + b + ", timeout " + timeout + "]";
    }
}
