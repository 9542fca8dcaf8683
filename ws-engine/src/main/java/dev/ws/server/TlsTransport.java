package dev.ws.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS over a non-blocking channel with an {@link SSLEngine} (wss). Ciphertext buffers exist only
 * while a record is incomplete (inbound) or not yet written (outbound), so an idle TLS connection
 * holds no buffer either. Reads (and the handshake's own writes) run on the event loop; application
 * writes come under the connection's write lock; {@link #out} guards the outbound record buffer.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ReentrantLock out = new ReentrantLock();
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private boolean inboundClosed;

    TlsTransport(SocketChannel channel, SSLContext context, Consumer<SSLParameters> configurer) {
        this.channel = channel;
        SSLEngine e;
        try {
            InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
            e = context.createSSLEngine(peer.getHostString(), peer.getPort());
        } catch (IOException ex) {
            e = context.createSSLEngine();
        }
        e.setUseClientMode(false);
        SSLParameters params = e.getSSLParameters();
        configurer.accept(params);
        e.setSSLParameters(params);
        this.engine = e;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (inboundClosed) {
            return -1;
        }
        for (;;) {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                    || engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                if (!handshakeStep()) {
                    return 0; // handshake output waits for the socket
                }
                continue;
            }
            if (netIn == null) {
                netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
            int n = channel.read(netIn);
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, dst);
            } finally {
                netIn.compact();
            }
            if (netIn.position() == 0) {
                netIn = null; // nothing partial: give the buffer back
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK
                            || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        continue;
                    }
                    if (r.bytesProduced() > 0) {
                        return r.bytesProduced();
                    }
                    if (n <= 0 && (netIn == null || netIn.position() == 0)) {
                        return n < 0 ? -1 : 0;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    if (n < 0) {
                        return -1;
                    }
                    if (n == 0) {
                        return 0;
                    }
                    if (netIn != null && !netIn.hasRemaining()) {
                        ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
                        netIn = bigger.put(netIn.flip());
                    }
                }
                case BUFFER_OVERFLOW -> {
                    return 0; // dst is full; the caller reads again with an empty buffer
                }
                case CLOSED -> {
                    inboundClosed = true;
                    return -1;
                }
                default -> throw new SSLException("unexpected unwrap status " + r.getStatus());
            }
        }
    }

    /** Runs delegated tasks and writes handshake records; false when output is stuck. */
    private boolean handshakeStep() throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            return true;
        }
        out.lock();
        try {
            if (!flushPending()) {
                return false;
            }
            ensureNetOut();
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS engine closed during the handshake");
            }
            return flushPending();
        } finally {
            out.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        out.lock();
        try {
            long consumed = 0;
            while (flushPending()) {
                long remaining = 0;
                for (int i = offset; i < offset + length; i++) {
                    remaining += srcs[i].remaining();
                }
                if (remaining == 0) {
                    break;
                }
                ensureNetOut();
                SSLEngineResult r = engine.wrap(srcs, offset, length, netOut);
                consumed += r.bytesConsumed();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("TLS connection closed");
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
            }
            return consumed;
        } finally {
            out.unlock();
        }
    }

    private void ensureNetOut() {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
    }

    @Override
    public boolean hasPendingOutput() {
        out.lock();
        try {
            return netOut != null && netOut.position() > 0;
        } finally {
            out.unlock();
        }
    }

    @Override
    public boolean flushPending() throws IOException {
        out.lock();
        try {
            if (netOut == null) {
                return true;
            }
            netOut.flip();
            try {
                while (netOut.hasRemaining()) {
                    if (channel.write(netOut) == 0) {
                        return false;
                    }
                }
            } finally {
                netOut.compact();
            }
            netOut = null;
            return true;
        } finally {
            out.unlock();
        }
    }

    @Override
    public boolean handshaking() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    @Override
    public void release() {
        engine.closeOutbound();
        netIn = null;
        out.lock();
        try {
            netOut = null;
        } finally {
            out.unlock();
        }
    }
}
