package dev.ws.server;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Accepts connections on the first event loop and hands them to the loops in turn. Beyond
 * {@code maxConnections} a connection gets a prerendered 503 and is closed at once.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private static final int MAX_ACCEPTS_PER_EVENT = 256;
    private static final byte[] REFUSED = refused();

    private final WebSocketServer server;
    private final ServerSocketChannel channel;
    private final EventLoop[] loops;
    private int next;

    Acceptor(WebSocketServer server, ServerSocketChannel channel, EventLoop[] loops) {
        this.server = server;
        this.channel = channel;
        this.loops = loops;
    }

    private static byte[] refused() {
        String body = "too many connections\n";
        return ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    void accept() throws IOException {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = channel.accept();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                return;
            }
            if (ch == null) {
                return;
            }
            if (!server.tryReserveConnection()) {
                refuse(ch);
                continue;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                server.releaseConnection();
                closeQuietly(ch);
                continue;
            }
            EventLoop loop = loops[next];
            next = (next + 1) % loops.length;
            loop.run(() -> Connection.register(loop, ch));
        }
    }

    private void refuse(SocketChannel ch) {
        server.listener().onHandshakeRejected(503, "too many connections");
        LOG.log(System.Logger.Level.INFO, () -> "connection from " + peer(ch) + " refused with 503: maxConnections "
                + server.settings().maxConnections() + " reached");
        try {
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap(REFUSED));
        } catch (IOException ignored) {
            // the peer will see the connection closed
        }
        closeQuietly(ch);
    }

    private static Object peer(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return "a peer";
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
