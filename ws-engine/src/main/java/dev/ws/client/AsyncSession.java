package dev.ws.client;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.WebSocketException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ClientSession} over a {@link ClientConnection}: a reader virtual thread feeds the
 * handler, a writer virtual thread (a single-thread executor, so sends keep their order) writes
 * what the sends queued. Queued bytes are bounded by the dialer's {@code maxQueuedBytes}.
 */
final class AsyncSession implements ClientSession, ClientConnection.Delivery {

    private static final System.Logger LOG = System.getLogger(AsyncSession.class.getName());

    private final ClientConnection connection;
    private final ClientHandler handler;
    private final long maxQueuedBytes;
    private final ExecutorService writer;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** The callback failure already given to onError (reader thread only). */
    private Throwable reported;

    AsyncSession(ClientConnection connection, ClientHandler handler, long maxQueuedBytes) {
        this.connection = connection;
        this.handler = handler;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ws-client-writer").factory());
    }

    /** Hands the connection's messages to the handler and starts the reader thread. */
    AsyncSession start() {
        connection.deliverTo(this);
        Thread.ofVirtual().name("ws-client-reader " + connection.uri()).start(this::run);
        return this;
    }

    private void run() {
        try {
            handler.onOpen(this);
        } catch (Throwable t) {
            callbackFailed(t);
        }
        connection.readUntilTerminated();
        writer.shutdown();
        CloseStatus status = connection.closeStatus();
        Throwable failure = connection.failure();
        if (failure != null && failure != reported && !(failure instanceof WebSocketException)) {
            try {
                handler.onError(this, failure);
            } catch (RuntimeException ignored) {
                // the connection has ended; nothing is left to close
            }
        }
        try {
            handler.onClose(this, status);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onClose of " + handler + " failed for " + uri(), e);
        }
    }

    private void callbackFailed(Throwable t) {
        reported = t;
        try {
            handler.onError(this, t);
        } catch (RuntimeException ignored) {
            // the session is failed below either way
        }
        CloseStatus status = new CloseStatus(CloseCodes.INTERNAL_ERROR, "handler failed: " + t);
        if (connection.markFailed(status, t)) {
            afterQueuedSends(() -> connection.startClose(status));
        }
    }

    /** Runs {@code r} on the writer thread after the sends queued so far (at once when it has stopped). */
    private void afterQueuedSends(Runnable r) {
        try {
            writer.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    // ---- delivery (reader thread) ----------------------------------------------------------------

    @Override
    public void text(String text) {
        try {
            handler.onText(this, text);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    @Override
    public void binary(ByteBuffer data) {
        try {
            handler.onBinary(this, data);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    @Override
    public void pong(ByteBuffer data) {
        try {
            handler.onPong(this, data);
        } catch (Throwable t) {
            callbackFailed(t);
        }
    }

    @Override
    public void peerClose(CloseStatus status) {
        connection.peerClosed(status);
        CloseStatus echo = ClientConnection.echoOf(status);
        afterQueuedSends(() -> connection.startClose(echo));
    }

    @Override
    public void violation(WebSocketException e) {
        if (connection.markFailed(e.closeStatus(), e)) {
            afterQueuedSends(() -> connection.startClose(e.closeStatus()));
        }
    }

    // ---- sending ---------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        return submit(bytes.remaining(), () -> connection.sendData(OpCode.OP_TEXT, bytes));
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        return submit(copy.remaining(), () -> connection.sendData(OpCode.OP_BINARY, copy));
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        return sendBinary(ByteBuffer.wrap(data));
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer data) {
        if (data.remaining() > dev.ws.FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("ping payload " + data.remaining() + " exceeds 125");
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        return submit(copy.remaining(), () -> connection.sendPing(copy));
    }

    @Override
    public CompletionStage<Void> close(CloseStatus status) {
        if (!status.isSendable()) {
            throw new IllegalArgumentException("close status " + status.code() + " may not be sent");
        }
        if (closeRequested.compareAndSet(false, true)) {
            connection.startClosing(); // the timeout runs even while the writer is stuck behind a slow server
            try {
                writer.execute(() -> connection.startClose(status));
            } catch (RejectedExecutionException e) {
                // the connection has ended already
            }
        }
        return connection.closeFuture().thenApply(s -> null);
    }

    /** A blocking write run by the writer thread. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private CompletionStage<Void> submit(long size, Write write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!isOpen()) {
            done.completeExceptionally(new IOException("session to " + uri() + " is "
                    + (connection.closeStatus() != null ? "closed (" + connection.closeStatus() + ")" : "closing")));
            return done;
        }
        long total = queued.addAndGet(size);
        if (total > maxQueuedBytes && total != size) {
            queued.addAndGet(-size);
            done.completeExceptionally(new IOException("send queue full: " + (total - size) + " bytes queued, "
                    + size + " more would exceed the limit of " + maxQueuedBytes));
            return done;
        }
        try {
            writer.execute(() -> {
                try {
                    write.run();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                } finally {
                    queued.addAndGet(-size);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.addAndGet(-size);
            done.completeExceptionally(new IOException("session to " + uri() + " is closed", e));
        }
        return done;
    }

    // ---- state -----------------------------------------------------------------------------------

    @Override
    public URI uri() {
        return connection.uri();
    }

    @Override
    public String subprotocol() {
        return connection.subprotocol();
    }

    @Override
    public List<String> extensions() {
        return connection.extensions();
    }

    @Override
    public String header(String name) {
        return connection.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return connection.headers();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public boolean isOpen() {
        return !closeRequested.get() && connection.isOpen();
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public String toString() {
        return "ClientSession[" + connection + ", " + queued.get() + " bytes queued]";
    }
}
