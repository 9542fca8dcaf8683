package dev.ws.examples;

import dev.ws.Handshake;
import dev.ws.HandshakeRejectedException;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.message.ConnectionClosedException;
import dev.ws.message.Message;
import dev.ws.message.MessageLimits;
import dev.ws.message.WebSockets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The README's first example, "the higher-level example of WebSocket echo server"
 * ({@code ws.UpgradeHTTP} + {@code wsutil.ReadClientData} + {@code wsutil.WriteServerMessage}), on
 * a {@link ServerSocket} with a virtual thread per connection. It is the {@code blocking} mode of
 * {@code ws-examples.jar}, the echo server the conformance suite runs against:
 * <ul>
 *   <li>answers on {@code /echo} only: the upgrader's {@code onHead} hook refuses other paths with 404;</li>
 *   <li>limits are raised to {@value #MAX_MESSAGE} bytes so that the suite's 16 MiB messages fit;</li>
 *   <li>permessage-deflate is offered (its defaults: no context takeover). A connection that
 *       accepts it is served by {@link StreamCompressionEcho#echo}, the README's compression
 *       example; without it, the loop is the README's first, line for line.</li>
 * </ul>
 * Each connection's thread reads a message, then writes it back; it is the only thread that touches
 * the socket, so no locking is needed beyond what the helpers do.
 */
public final class HighLevelEcho {

    /** Room for the conformance suite's largest messages (16 MiB) and then some. */
    public static final long MAX_MESSAGE = 64L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(HighLevelEcho.class.getName());
    private static final MessageLimits LIMITS = new MessageLimits(MAX_MESSAGE, MAX_MESSAGE);
    private static final PerMessageDeflate DEFLATE = PerMessageDeflate.withDefaults();
    private static final Upgrader UPGRADER = Upgrader.builder()
            .onHead((head, result) -> {
                if (!"/echo".contentEquals(head.path())) {
                    throw new HandshakeRejectedException(404, "no WebSocket endpoint here; try /echo");
                }
            })
            .extension(DEFLATE)
            .build();

    private HighLevelEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("blocking echo server listening on ws://127.0.0.1:" + listener.getLocalPort() + "/echo");
            serve(listener);
        }
    }

    /** Accepts connections until {@code listener} is closed; each one gets its own virtual thread. */
    public static void serve(ServerSocket listener) throws IOException {
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
            Thread.ofVirtual().name("echo-", socket.getPort()).start(() -> handle(socket));
        }
    }

    /** One connection, from the handshake to the close; never throws. */
    static void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // frames go out whole: Nagle could only delay them
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                socket.setSoTimeout(Connections.HANDSHAKE_TIMEOUT_MILLIS); // a client stalling in the handshake
                Handshake handshake = UPGRADER.upgrade(in, out);
                socket.setSoTimeout(0); // then messages may come as slowly as they like
                NegotiatedDeflate deflate = Connections.deflate(handshake.result().extensions());
                if (deflate == null) {
                    echo(handshake.input(), out);
                } else {
                    StreamCompressionEcho.echo(handshake.input(), out, deflate, LIMITS);
                }
            } catch (HandshakeRejectedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} refused: {1}", socket.getRemoteSocketAddress(), e.toString());
            } catch (ConnectionClosedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1}", socket.getRemoteSocketAddress(), e.getMessage());
            } catch (WebSocketException e) {
                // already answered with its close code by the reader's control handler
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    /**
     * The README's loop: read a whole data message (pings answered, a close echoed on the way), write
     * it back. Returns at a clean end of stream; throws {@link ConnectionClosedException} once the
     * client closed, or the {@link WebSocketException} that was answered with its close code.
     */
    static void echo(InputStream in, OutputStream out) throws IOException {
        Message message;
        while ((message = WebSockets.readClientData(in, out, LIMITS)) != null) {
            WebSockets.writeServerMessage(out, message.opCode(), message.payload());
        }
    }
}
