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

    /**
     * Reads and decrypts as many records as {@code dst} can hold. Returns the plaintext bytes
     * produced, 0 when a record is still incomplete, -1 at the end of the stream.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (inboundClosed) {
            return -1;
        }
        int produced = 0;
        boolean eof = false;
        for (;;) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_WRAP || hs == HandshakeStatus.NEED_TASK) {
                if (!handshakeStep()) {
                    return produced; // handshake output waits for the socket
                }
                continue;
            }
            if (netIn == null) {
                netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
            if (!eof && netIn.hasRemaining()) {
                eof = channel.read(netIn) < 0;
            }
            if (netIn.position() == 0) {
                netIn = null;
                return produced > 0 ? produced : eof ? -1 : 0;
            }
            if (dst.remaining() < engine.getSession().getApplicationBufferSize()) {
                return produced; // the caller drains dst and calls again
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, dst);
            } finally {
                netIn.compact();
            }
            produced += r.bytesProduced();
            switch (r.getStatus()) {
                case OK -> {
                    // more records may follow in netIn or on the socket
                }
                case BUFFER_UNDERFLOW -> {
                    if (netIn.position() == netIn.capacity()) {
                        netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
                    } else if (eof) {
                        return produced > 0 ? produced : -1;
                    } else if (channel.read(netIn) <= 0) {
                        return produced; // wait for the rest of the record
                    }
                }
                case BUFFER_OVERFLOW -> {
                    return produced;
                }
                case CLOSED -> {
                    inboundClosed = true;
                    return produced > 0 ? produced : -1;
                }
                default -> throw new SSLException("unexpected unwrap status " + r.getStatus());
            }
        }
    }

    @Override
    public boolean hasBufferedInput() {
        return netIn != null && netIn.position() > 0;
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
