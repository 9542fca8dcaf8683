package dev.ws.bench.peers;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 echo server on the Jetty WebSocket API ({@code jetty-websocket-jetty-server}, core handlers, no servlet
 * container): a {@link ServerConnector} with Jetty's default {@code QueuedThreadPool} and buffer pool, a
 * {@link WebSocketUpgradeHandler} mapping {@code /echo} and {@code /broadcast} to auto-demanding
 * {@link Session.Listener}s. Binary messages are echoed from the received buffer without a copy (the read callback
 * completes when the write does), text messages through {@code sendText}; both asynchronously; since
 * nothing blocks, the container's invocation type is {@code NON_BLOCKING}, as its Javadoc allows for such endpoints.
 *
 * <p>Thread safety: {@link #start} and {@link #close} may be called from any thread.
 */
public final class JettyEchoServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private JettyEchoServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the server on all interfaces.
     *
     * @param port the TCP port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server; it accepts connections when this returns
     * @throws Exception when Jetty fails to start
     */
    public static JettyEchoServer start(int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        connector.setAcceptQueueSize(PeerLimits.ACCEPT_BACKLOG);
        connector.setIdleTimeout(PeerLimits.IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);

        Set<Session> broadcastSessions = ConcurrentHashMap.newKeySet();
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(PeerLimits.MAX_MESSAGE);
            container.setMaxBinaryMessageSize(PeerLimits.MAX_MESSAGE);
            container.setMaxFrameSize(PeerLimits.MAX_MESSAGE);
            container.setIdleTimeout(PeerLimits.IDLE_TIMEOUT);
            // The endpoints below never block (every send is asynchronous), which is when the Javadoc of
            // setInvocationType says NON_BLOCKING may be used: frames are then handled on the selector thread
            // instead of being handed to the thread pool.
            container.setInvocationType(InvocationType.valueOf(
                    System.getProperty("peers.jetty.invocationType", InvocationType.NON_BLOCKING.name())));
            container.addMapping("/echo", (request, response, callback) -> new EchoEndpoint());
            container.addMapping("/broadcast",
                    (request, response, callback) -> new BroadcastEndpoint(broadcastSessions));
        });
        context.setHandler(upgrade);
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        return new JettyEchoServer(server, connector);
    }

    /** {@return the port the server listens on} */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops Jetty (closing every session) and waits for it. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Echoes each whole message with its opcode. */
    public static class EchoEndpoint implements Session.Listener.AutoDemanding {
        protected Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    /** Registers its session; fans {@code broadcast:} text out to every registered session, echoes the rest. */
    public static final class BroadcastEndpoint extends EchoEndpoint {
        private final Set<Session> sessions;

        BroadcastEndpoint(Set<Session> sessions) {
            this.sessions = sessions;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            super.onWebSocketOpen(session);
            sessions.add(session);
        }

        @Override
        public void onWebSocketText(String message) {
            if (message.startsWith(PeerLimits.BROADCAST_PREFIX)) {
                for (Session each : sessions) {
                    each.sendText(message, Callback.NOOP);
                }
            } else {
                super.onWebSocketText(message);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            sessions.remove(session);
        }
    }
}
