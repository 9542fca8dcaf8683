package dev.ws.client;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.WebSocketException;
import dev.ws.message.InboundExtension;
import dev.ws.message.MessageAssembler;
import dev.ws.message.MessageListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket connection opened by a {@link Dialer}: blocking, meant for a (virtual) thread that
 * calls {@link #receive()} in a loop while any thread sends.
 *
 * <p><b>Reading.</b> Bytes go through the same {@link MessageAssembler} as on the server, starting
 * with any bytes that arrived together with the 101 response (they are never lost nor handed to the
 * caller, gobwas/ws #19, #214). Pings are answered at once; a close frame is echoed with its code and
 * the connection then waits, up to the close timeout, for the server to close TCP (RFC 6455 §7.1.1).
 * A protocol violation by the server fails the connection: this client sends a close frame with the
 * violation's code (1002, 1007, 1009) and waits for the server's reply or TCP close likewise. Nothing
 * the peer does makes {@link #receive()} throw: it returns {@link Received.Close}.
 *
 * <p><b>Writing.</b> Frames are masked with keys from {@code MaskGenerator.secure()} (RFC 6455
 * §5.3) and written whole under a {@link ReentrantLock}: concurrent senders never interleave, each
 * frame up to 64 KiB goes out in a single write, and no frame follows the close frame.
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #receive()} serialises its
 * callers. A connection handed to a {@link ClientHandler} ({@link Dialer#connect(URI, ClientHandler)})
 * is read by its own virtual thread, and {@link #receive()} is then refused.
 */
public final class ClientConnection implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 16 * 1024;

    private final URI uri;
    private final Socket socket;
    private final InputStream in;
    private final String subprotocol;
    private final List<String> extensions;
    private final Map<String, List<String>> headers;
    private final long closeTimeoutNanos;

    // read side, guarded by readLock
    private final ReentrantLock readLock = new ReentrantLock();
    private final MessageAssembler assembler;
    private final byte[] readBuffer = new byte[READ_BUFFER_SIZE];
    private ByteBuffer early;
    private final ArrayDeque<Received> inbox = new ArrayDeque<>();
    private Delivery delivery = new Inbox();
    /** The assembler saw the peer's close frame or threw: later bytes are drained, not decoded. */
    private boolean decodingDone;
    /** Inbox mode: the peer's close, acted on once the messages before it were taken. */
    private CloseStatus deferredClose;
    /** Inbox mode: the server's violation, acted on once the messages before it were taken. */
    private WebSocketException deferredFailure;
    private boolean readSideReleased;
    private int soTimeout = -1;

    private final FrameWriter writer;

    // lifecycle
    private volatile long closeDeadline;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private volatile boolean closeReceived;
    private volatile boolean failed;
    private volatile CloseStatus peerStatus;
    private volatile CloseStatus failStatus;
    private volatile Throwable failure;
    private final CompletableFuture<CloseStatus> terminated = new CompletableFuture<>();

    ClientConnection(Dialer dialer, URI uri, Socket socket, InputStream in, OutputStream out, ByteBuffer early,
                     ClientHandshake.Negotiated negotiated) throws IOException {
        this.uri = uri;
        this.socket = socket;
        this.in = in;
        this.early = early.hasRemaining() ? early : null;
        this.subprotocol = negotiated.subprotocol();
        this.extensions = negotiated.extensions().stream().map(a -> a.responseOption().name()).toList();
        this.headers = negotiated.headers();
        this.closeTimeoutNanos = dialer.closeTimeout().toNanos();
        this.assembler = new MessageAssembler(Side.CLIENT, dialer.maxFramePayload(), dialer.maxMessageSize(),
                new Listener());
        InboundExtension inbound = null;
        OutboundExtension outboundExtension = null;
        for (ClientExtension.Agreement a : negotiated.extensions()) {
            InboundExtension i = a.newInbound();
            OutboundExtension o = a.newOutbound();
            if (i != null && inbound != null || o != null && outboundExtension != null) {
                throw new IOException("more than one transforming extension was agreed ("
                        + String.join(", ", extensions) + "); a connection supports one");
            }
            inbound = i != null ? i : inbound;
            outboundExtension = o != null ? o : outboundExtension;
        }
        this.writer = new FrameWriter(out, outboundExtension);
        if (inbound != null) {
            assembler.extension(inbound);
        }
    }

    // ---- receiving -------------------------------------------------------------------------------

    /**
     * The next message, pong or the end of the connection; blocks until one is there. Callers are
     * served one at a time.
     *
     * @throws IllegalStateException when a {@link ClientHandler} receives this connection's messages
     */
    public Received receive() {
        readLock.lock();
        try {
            if (!(delivery instanceof Inbox)) {
                throw new IllegalStateException("messages of this connection go to its ClientHandler");
            }
            while (true) {
                Received r = inbox.poll();
                if (r != null) {
                    return r;
                }
                if (actOnDeferred()) {
                    continue;
                }
                if (terminated.isDone()) {
                    return new Received.Close(terminated.join());
                }
                readOnce();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** Sends what is decoded from now on to {@code target} instead of the inbox of {@link #receive()}. */
    void deliverTo(Delivery target) {
        readLock.lock();
        try {
            this.delivery = target;
        } finally {
            readLock.unlock();
        }
    }

    /** Reads until the connection has ended (the reader thread of a {@link ClientHandler}). */
    void readUntilTerminated() {
        readLock.lock();
        try {
            while (!terminated.isDone()) {
                readOnce();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** One read from the socket (or the early bytes), fed to the assembler. readLock held. */
    private void readOnce() {
        assert readLock.isHeldByCurrentThread();
        readAndFeed();
        if (terminated.isDone()) {
            releaseReadSide();
        }
    }

    private void readAndFeed() {
        ByteBuffer input;
        if (early != null) {
            input = early;
            early = null;
        } else {
            int n;
            try {
                if (!setReadTimeout()) {
                    terminate(null); // the close handshake ran out of time
                    return;
                }
                n = in.read(readBuffer);
            } catch (SocketTimeoutException e) {
                terminate(null);
                return;
            } catch (IOException e) {
                terminate(e);
                return;
            }
            if (n < 0) {
                terminate(null);
                return;
            }
            input = ByteBuffer.wrap(readBuffer, 0, n);
        }
        if (decodingDone || failed) {
            return; // draining: wait for the server to close TCP (RFC 6455 §7.1.1), ignore its bytes
        }
        try {
            assembler.feed(input);
        } catch (WebSocketException e) {
            decodingDone = true;
            delivery.violation(e);
        }
    }

    /**
     * Sets the socket's read timeout: none while open, what is left of the close timeout while
     * closing. False when that time is up.
     */
    private boolean setReadTimeout() throws IOException {
        int millis = 0;
        if (closing.get()) {
            long left = closeDeadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
        return true;
    }

    /** Receives what the assembler decodes; views are valid only during each call. */
    private final class Listener implements MessageListener {

        @Override
        public void onText(ByteBuffer utf8) {
            if (!failed) {
                delivery.text(decode(utf8));
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            if (!failed) {
                delivery.binary(copy(data));
            }
        }

        @Override
        public void onPing(ByteBuffer payload) {
            if (failed || writer.closeSent()) {
                return;
            }
            try {
                sendControl(OpCode.OP_PONG, payload);
            } catch (IOException e) {
                terminate(e);
            }
        }

        @Override
        public void onPong(ByteBuffer payload) {
            if (!failed) {
                delivery.pong(copy(payload));
            }
        }

        @Override
        public void onClose(CloseStatus status) {
            decodingDone = true;
            delivery.peerClose(status);
        }
    }

    /**
     * Acts on the peer's close frame or violation once the messages received before it were taken
     * (the application may still answer them: Autobahn 3.2, 4.1.3, 5.15). Inbox mode; readLock held.
     *
     * @return whether there was something to act on
     */
    private boolean actOnDeferred() {
        if (deferredClose != null) {
            CloseStatus status = deferredClose;
            deferredClose = null;
            peerClosed(status);
            startClose(echoOf(status));
            return true;
        }
        if (deferredFailure != null) {
            WebSocketException e = deferredFailure;
            deferredFailure = null;
            fail(e.closeStatus(), e);
            return true;
        }
        return false;
    }

    /** RFC 6455 §5.5.1: answer a close frame with one echoing its code (none for an empty one). */
    static CloseStatus echoOf(CloseStatus received) {
        return received.isSendable() ? CloseStatus.of(received.code()) : CloseStatus.NO_STATUS;
    }

    /** Records the peer's close frame (no reply yet) and starts the close timeout. */
    void peerClosed(CloseStatus status) {
        peerStatus = status;
        closeReceived = true;
        startClosing();
    }

    /**
     * Where decoded messages go: the inbox of {@link #receive()} or a {@link ClientHandler}. Called
     * by the reading thread, in the order the server sent them:
     * {@code (text | binary | pong)* (peerClose | violation)?}. Whoever implements {@code peerClose}
     * and {@code violation} answers with {@link #peerClosed} + {@link #startClose} or {@link #fail}, after
     * the replies to earlier messages.
     */
    interface Delivery {

        void text(String text);

        void binary(ByteBuffer data);

        void pong(ByteBuffer data);

        /** The server's close frame; nothing is decoded after it. */
        void peerClose(CloseStatus status);

        /** The server broke the protocol; nothing is decoded after it. */
        void violation(WebSocketException e);
    }

    private final class Inbox implements Delivery {

        @Override
        public void text(String text) {
            inbox.add(new Received.Text(text));
        }

        @Override
        public void binary(ByteBuffer data) {
            inbox.add(new Received.Binary(data));
        }

        @Override
        public void pong(ByteBuffer data) {
            inbox.add(new Received.Pong(data));
        }

        @Override
        public void peerClose(CloseStatus status) {
            deferredClose = status;
        }

        @Override
        public void violation(WebSocketException e) {
            deferredFailure = e;
        }
    }

    private static String decode(ByteBuffer utf8) {
        if (utf8.hasArray()) {
            return new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(),
                    StandardCharsets.UTF_8);
        }
        return StandardCharsets.UTF_8.decode(utf8.duplicate()).toString();
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer c = ByteBuffer.allocate(data.remaining());
        c.put(data.duplicate()).flip();
        return c;
    }

    // ---- sending ---------------------------------------------------------------------------------

    /** Sends a text message in one frame. */
    public void sendText(CharSequence text) throws IOException {
        sendData(OpCode.OP_TEXT, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends the bytes between the buffer's position and limit as one binary frame; the buffer is not modified. */
    public void sendBinary(ByteBuffer data) throws IOException {
        sendData(OpCode.OP_BINARY, data);
    }

    public void sendBinary(byte[] data) throws IOException {
        sendData(OpCode.OP_BINARY, ByteBuffer.wrap(data));
    }

    /** Sends a ping; the payload (position to limit, at most 125 bytes) comes back in a {@link Received.Pong}. */
    public void sendPing(ByteBuffer data) throws IOException {
        sendControl(OpCode.OP_PING, data);
    }

    /** Sends an unsolicited pong (a heartbeat that needs no answer, RFC 6455 §5.5.3). */
    public void sendPong(ByteBuffer data) throws IOException {
        sendControl(OpCode.OP_PONG, data);
    }

    /** Sends one data message; {@code opcode} is text or binary. */
    void sendData(int opcode, ByteBuffer data) throws IOException {
        checkWritable();
        writer.data(opcode, data);
    }

    private void sendControl(int opcode, ByteBuffer data) throws IOException {
        checkWritable();
        writer.control(opcode, data);
    }

    /** Sends the close frame once (later calls do nothing and return false) and starts the close timeout. */
    boolean sendClose(CloseStatus status) throws IOException {
        return !terminated.isDone() && writer.close(status, this::startClosing);
    }

    /**
     * Starts the close timeout once, at the first of: close frame sent, close frame received,
     * violation. When it runs out before the connection has ended, the socket is closed.
     */
    void startClosing() {
        if (closing.compareAndSet(false, true)) {
            closeDeadline = System.nanoTime() + closeTimeoutNanos;
            CompletableFuture.delayedExecutor(closeTimeoutNanos, TimeUnit.NANOSECONDS).execute(() -> terminate(null));
        }
    }

    private void checkWritable() throws IOException {
        if (terminated.isDone()) {
            throw new IOException("connection to " + uri + " is closed (" + terminated.join() + ")");
        }
    }

    // ---- closing ---------------------------------------------------------------------------------

    /** {@link #close(CloseStatus)} with 1000 (normal closure). */
    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    public void close(int code, String reason) {
        close(new CloseStatus(code, reason));
    }

    /**
     * The closing handshake (RFC 6455 §7.1.2): sends a close frame with {@code status}, waits up to
     * the close timeout for the server's close frame and its TCP close, then closes the socket.
     * Messages that arrive meanwhile stay available to {@link #receive()}. Returns at once when the
     * connection has already ended; a second call does not send a second close frame. Called from a
     * {@link ClientHandler} callback, it only sends the close frame and the reader thread completes
     * the handshake. Never throws for I/O errors: they end the connection.
     *
     * @throws IllegalArgumentException for a status that may not be sent (1005, 1006, 1015...)
     */
    public void close(CloseStatus status) {
        if (!status.isSendable()) {
            throw new IllegalArgumentException("close status " + status.code() + " may not be sent");
        }
        if (terminated.isDone()) {
            return;
        }
        try {
            sendClose(status);
        } catch (IOException e) {
            terminate(e);
            return;
        }
        if (readLock.isHeldByCurrentThread()) {
            return;
        }
        if (readLock.tryLock()) {
            try {
                while (delivery instanceof Inbox && !terminated.isDone()) {
                    actOnDeferred();
                    if (!terminated.isDone()) {
                        readOnce();
                    }
                }
            } finally {
                readLock.unlock();
            }
        }
        awaitTermination(); // another thread reads: it sees the reply, or the timeout closes the socket
    }

    private void awaitTermination() {
        try {
            terminated.get(closeTimeoutNanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate(null);
        } catch (ExecutionException | TimeoutException e) {
            terminate(null);
        }
    }

    /**
     * Sends the close frame without waiting (a {@link ClientSession}'s writer thread); the reader
     * thread or the close timeout ends the connection.
     */
    void startClose(CloseStatus status) {
        try {
            sendClose(status);
        } catch (IOException e) {
            terminate(e);
        }
    }

    /** Closes the socket at once, without a closing handshake; the status becomes 1006. */
    public void abort() {
        terminate(null);
    }

    /**
     * Fails the connection: sends a close frame with {@code status} (unless one was sent) and stops
     * delivering messages; the server's reply or TCP close, or the close timeout, ends it.
     */
    void fail(CloseStatus status, Throwable cause) {
        if (markFailed(status, cause)) {
            startClose(status);
        }
    }

    /**
     * Records a failure (no close frame yet): nothing more is delivered and the close timeout
     * starts. False when the connection already failed or ended.
     */
    boolean markFailed(CloseStatus status, Throwable cause) {
        if (failed || terminated.isDone()) {
            return false;
        }
        failStatus = status;
        failure = cause;
        failed = true;
        startClosing();
        return true;
    }

    /**
     * Ends the connection: completes {@link #terminated}, then closes the socket (so that the errors
     * this causes in blocked readers and writers are not taken for failures) and frees the
     * extensions. Idempotent, any thread.
     */
    private void terminate(Throwable cause) {
        if (!terminating.compareAndSet(false, true)) {
            return; // the first caller completes it; errors caused by its socket close are not failures
        }
        if (cause != null && failure == null) {
            failure = cause;
        }
        CloseStatus status = failStatus != null ? failStatus : peerStatus != null ? peerStatus : CloseStatus.ABNORMAL;
        terminated.complete(status);
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
        writer.release();
        if (!readLock.isHeldByCurrentThread() && readLock.tryLock()) {
            try {
                releaseReadSide();
            } finally {
                readLock.unlock();
            }
        }
    }

    /** Frees the assembler's buffers and extension once the connection has ended; readLock held. */
    private void releaseReadSide() {
        if (!readSideReleased && terminated.isDone()) {
            readSideReleased = true;
            assembler.close();
        }
    }

    // ---- state -----------------------------------------------------------------------------------

    /** Whether messages may be sent: no close frame sent or received, the socket open. */
    public boolean isOpen() {
        return !writer.closeSent() && !closeReceived && !terminated.isDone();
    }

    /** How the connection ended (see {@link Received.Close#status()}), or null while it lasts. */
    public CloseStatus closeStatus() {
        return terminated.isDone() ? terminated.join() : null;
    }

    /**
     * Why the connection failed: the server's protocol violation (a {@link WebSocketException}
     * naming the rule), the I/O error that broke it, or the exception of a {@link ClientHandler}
     * callback; null after a clean close or while it lasts.
     */
    public Throwable failure() {
        return failure;
    }

    /** Completes with the close status when the connection has ended (never exceptionally). */
    public CompletableFuture<CloseStatus> closeFuture() {
        return terminated.copy();
    }

    /** The URI that was dialed. */
    public URI uri() {
        return uri;
    }

    /** The subprotocol the server selected, or null. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Names of the agreed extensions, in the dialer's order; empty when none. */
    public List<String> extensions() {
        return extensions;
    }

    /** The first value of a header of the 101 response, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? null : v.get(0);
    }

    /** The headers of the 101 response, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        String state = terminated.isDone() ? "closed " + terminated.join()
                : failed ? "failing " + failStatus : closeReceived ? "closing (by server)"
                : writer.closeSent() ? "closing" : "open";
        return "ClientConnection[" + uri + ", " + state + (subprotocol == null ? "" : ", " + subprotocol)
                + (extensions.isEmpty() ? "" : ", " + extensions) + "]";
    }
}
