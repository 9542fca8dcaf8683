package dev.ws.examples;

import dev.ws.NegotiatedExtension;
import dev.ws.deflate.NegotiatedDeflate;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;

/** What every blocking example does at the edges of a connection; not part of the examples' story. */
final class Connections {

    /** How long a client may take to send its whole handshake request. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** How long a closing connection waits for the peer's FIN before it is dropped. */
    static final int LINGER_MILLIS = 2000;
    /** The most bytes read and dropped while waiting for it. */
    private static final long MAX_DRAINED = 1 << 20;

    private Connections() {
    }

    /** The permessage-deflate the handshake agreed on, or null. */
    static NegotiatedDeflate deflate(List<NegotiatedExtension> extensions) {
        for (NegotiatedExtension e : extensions) {
            if (e instanceof NegotiatedDeflate deflate) {
                return deflate;
            }
        }
        return null;
    }

    /**
     * Ends a connection after the last frame (a close frame, or none) was written: sends FIN, then
     * reads and drops what the peer still sends until it closes its side, at most
     * {@value #LINGER_MILLIS} ms. Closing at once could turn unread bytes into a reset (RFC 7230
     * §6.6), which can destroy our close frame in flight before the peer reads it. The caller
     * closes the socket afterwards.
     */
    static void closeGracefully(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            byte[] sink = new byte[8192];
            long drained = 0;
            int n;
            while (drained < MAX_DRAINED && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        } catch (IOException e) {
            // the peer reset, or the linger time passed: close anyway
        }
    }
}
