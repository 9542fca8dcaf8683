package dev.ws.examples;

import dev.ws.Handshake;
import dev.ws.HandshakeHeaders;
import dev.ws.HandshakeRejectedException;
import dev.ws.OpCode;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
import dev.ws.http.Cookies;
import dev.ws.http.HttpChars;
import dev.ws.message.ConnectionClosedException;
import dev.ws.message.Message;
import dev.ws.message.WebSockets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The README's "zero-copy upgrade" examples: an {@link Upgrader} whose callbacks see the request's
 * headers in place, as views of the bytes received, valid during the call only ({@code OnHost},
 * {@code OnHeader}, {@code httphead.ScanCookie}, {@code OnBeforeUpgrade},
 * {@code ws.RejectConnectionError}).
 * <ul>
 *   <li>{@code onHost}: only the configured host names (any port) are served; another host is
 *       refused with 403 and an {@code X-Want-Host} header, as in the README;</li>
 *   <li>{@code onHeader}: every header the upgrader does not handle itself is logged (the README's
 *       first upgrader example); the {@code Cookie} header is scanned for the {@value #SESSION_COOKIE}
 *       cookie, which must name a known session, or the request is refused with 400 "bad cookie".
 *       The session id is the only string made, and it goes into the handshake's attributes;</li>
 *   <li>{@code beforeUpgrade}: refuses with 403 a request that brought no session (the hooks share
 *       state through the result's attributes, never through fields: the upgrader serves every
 *       connection at once), and adds {@code X-Java-Version} to the 101, as the README adds
 *       {@code X-Go-Version}.</li>
 * </ul>
 * Rejections and headers are built once, with the upgrader, so a refusal renders nothing per
 * request. After the upgrade the connection greets the session and echoes.
 */
public final class ZeroCopyUpgrade {

    /** The cookie that carries the session id. */
    public static final String SESSION_COOKIE = "session";
    /** The handshake attribute the session id is kept under. */
    public static final String SESSION_ATTRIBUTE = "session";

    private static final System.Logger LOG = System.getLogger(ZeroCopyUpgrade.class.getName());
    private static final HandshakeRejectedException BAD_COOKIE = new HandshakeRejectedException(400, "bad cookie");
    private static final HandshakeRejectedException NO_SESSION =
            new HandshakeRejectedException(403, "a session cookie is required");
    private static final HandshakeHeaders VERSION_HEADER =
            HandshakeHeaders.of("X-Java-Version", Runtime.version().toString());

    private ZeroCopyUpgrade() {
    }

    /** Serves {@code localhost} and {@code 127.0.0.1}, with the sessions given as arguments after the port. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        Set<String> sessions = args.length > 1 ? Set.copyOf(Arrays.asList(args).subList(1, args.length))
                : Set.of("demo");
        Upgrader upgrader = upgrader(List.of("localhost", "127.0.0.1"), sessions);
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("upgrading on ws://localhost:" + listener.getLocalPort() + "/ for sessions " + sessions
                    + " (send Cookie: " + SESSION_COOKIE + "=ID)");
            serve(listener, upgrader);
        }
    }

    /**
     * The upgrader of this example.
     *
     * @param hostNames host names served (the {@code Host} header without its port), the first one
     *                  named in a refusal's {@code X-Want-Host}
     * @param sessions  the session ids a {@value #SESSION_COOKIE} cookie may carry
     */
    public static Upgrader upgrader(List<String> hostNames, Set<String> sessions) {
        HandshakeRejectedException wrongHost = new HandshakeRejectedException(403, "unexpected host",
                HandshakeHeaders.of("X-Want-Host", hostNames.get(0)));
        return Upgrader.builder()
                .onHost((host, result) -> {
                    for (String name : hostNames) {
                        if (isHost(host, name)) {
                            return;
                        }
                    }
                    throw wrongHost;
                })
                .onHeader((name, value, result) -> {
                    // name and value are views of the request bytes, valid during this call only: a
                    // logger may format later, on another thread, so it gets copies
                    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                        LOG.log(System.Logger.Level.DEBUG, "non-websocket header: {0}={1}", name.toString(),
                                value.toString());
                    }
                    if (!HttpChars.equalsIgnoreCase(name, "Cookie")) {
                        return;
                    }
                    CharSequence session = Cookies.find(value, SESSION_COOKIE);
                    if (session == null) {
                        return; // other cookies
                    }
                    String id = session.toString();
                    if (!sessions.contains(id)) {
                        throw BAD_COOKIE;
                    }
                    result.attributes().put(SESSION_ATTRIBUTE, id);
                })
                .beforeUpgrade((head, result) -> {
                    if (result.attribute(SESSION_ATTRIBUTE) == null) {
                        throw NO_SESSION;
                    }
                    return VERSION_HEADER;
                })
                .build();
    }

    /** Whether {@code host} (a Host header value) names {@code name}, with or without a port. */
    static boolean isHost(CharSequence host, String name) {
        int n = name.length();
        if (host.length() < n || host.length() > n && host.charAt(n) != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (HttpChars.toLowerAscii(host.charAt(i)) != HttpChars.toLowerAscii(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Accepts connections until {@code listener} is closed, a virtual thread each. */
    public static void serve(ServerSocket listener, Upgrader upgrader) throws IOException {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (listener.isClosed()) {
                    return;
                }
                throw e;
            }
            Thread.ofVirtual().name("session-", socket.getPort()).start(() -> handle(socket, upgrader));
        }
    }

    private static void handle(Socket socket, Upgrader upgrader) {
        try (socket) {
            socket.setTcpNoDelay(true); // frames go out whole: Nagle could only delay them
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                socket.setSoTimeout(Connections.HANDSHAKE_TIMEOUT_MILLIS); // a client stalling in the handshake
                Handshake handshake = upgrader.upgrade(in, out);
                socket.setSoTimeout(0); // then messages may come as slowly as they like
                String session = (String) handshake.result().attribute(SESSION_ATTRIBUTE);
                WebSockets.writeServerMessage(out, OpCode.TEXT, Message.text("hello, session " + session).payload());
                Message message;
                while ((message = WebSockets.readClientData(handshake.input(), out)) != null) {
                    WebSockets.writeServerMessage(out, message.opCode(), message.payload());
                }
            } catch (HandshakeRejectedException e) {
                LOG.log(System.Logger.Level.INFO, "upgrade error: {0}", e.toString());
            } catch (ConnectionClosedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            } catch (WebSocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }
}
