package dev.ws.server;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.HandshakeRejectedException;
import dev.ws.HandshakeResult;
import dev.ws.WebSocketException;
import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.message.MessageAssembler;
import dev.ws.message.MessageListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection: the handshake, then a WebSocket session. Reads, decoding and timers run on the
 * owning event loop; sends may come from any thread and are serialised by {@link #lock}.
 *
 * <p>An idle connection holds no buffer: the loop lends its read buffer for each readiness event,
 * the assembler keeps bytes only while a frame or message is incomplete, and the outbound queue
 * exists only while the socket cannot take everything.
 */
final class Connection implements WebSocketSession, MessageListener {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);
    private static final int MAX_READS_PER_EVENT = 64;
    /** Largest slice handed to one write call: bounds the JDK's temporary direct buffer per thread. */
    private static final int MAX_WRITE_BYTES = 256 * 1024;
    private static final int MAX_GATHER = 64;
    /** What a burst of virtual-thread sends queues before it writes without waiting for the loop. */
    private static final int MAX_BURST_BYTES = 64 * 1024;
    /**
     * What a queued frame costs beyond its bytes: its buffer object, the array header, the queue
     * entry and its future (about 130 bytes on a 64-bit VM with compressed references). The
     * watermarks count it, so that a flood of tiny frames (empty pongs, one-byte echoes) cannot hold
     * fifty times the memory the watermark names.
     */
    static final int QUEUED_FRAME_OVERHEAD = 128;

    static final int HANDSHAKE = 0;
    static final int OPEN = 1;
    static final int CLOSING = 2;
    static final int CLOSED = 3;

    private final WebSocketServer server;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final Transport transport;
    private final long serial;
    private SelectionKey key;

    private volatile int state = HANDSHAKE;
    private ByteBuffer head;
    /** Decodes this session's bytes; borrowed from the loop while a message is incomplete. */
    private MessageAssembler assembler;
    /** Whether {@link #assembler} is this session's own (extension state) and never goes back to the loop. */
    private boolean ownAssembler;
    /** Compresses outgoing messages when permessage-deflate was negotiated; guarded by lock. */
    private MessageDeflater deflater;
    private Route route;
    private Map<String, String> pathParams;
    private String uri;
    private String path;
    private String query;
    private String subprotocol;
    private List<String> extensions = List.of();
    private Map<String, List<String>> headers = Map.of();
    private volatile Map<String, Object> attributes;
    private InetSocketAddress remote;
    private long openedAtMillis;

    private long lastRead;
    private long lastWrite;
    private long pingSentAt;
    /** When the handshake (state HANDSHAKE) or the closing handshake (CLOSING) times out, in nanoTime. */
    private long deadline;
    private CloseStatus closeSent;
    private CloseStatus closeReceived;
    private boolean peerStartedClose;
    /** The peer broke the protocol or a limit: its further bytes are discarded (RFC 6455 §7.1.7). */
    private boolean inputFailed;
    private volatile CompletableFuture<Void> closed;

    // Outbound, guarded by lock.
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<Pending> queue;
    private long queued;
    private int cork;
    private boolean closeAfterFlush;
    private boolean unwritable;
    private long unwritableSince;
    private boolean inboxFull;
    private boolean interestTaskQueued;
    private int requestedOps = SelectionKey.OP_READ;

    // Inbound for virtual-thread dispatch, guarded by lock.
    private ArrayDeque<Object> inbox;
    private boolean draining;
    /**
     * More events wait behind the one being handled: sends queue up and one loop task writes them
     * together, instead of a write call per message (the drain writes what is left at its end).
     */
    private boolean burst;
    private boolean flushScheduled;

    private Connection(WebSocketServer server, EventLoop loop, SocketChannel channel, Transport transport) {
        this.server = server;
        this.loop = loop;
        this.channel = channel;
        this.transport = transport;
        this.serial = server.nextSessionSerial();
        long now = System.nanoTime();
        this.deadline = now + server.settings().handshakeTimeout().toNanos();
        this.lastRead = now;
        this.lastWrite = now;
    }

    /** Registers an accepted channel with its loop (on that loop's thread). */
    static void register(EventLoop loop, SocketChannel ch) {
        WebSocketServer server = loop.server;
        Connection c = null;
        try {
            Transport transport = server.newTransport(ch); // null: plain TCP
            c = new Connection(server, loop, ch, transport);
            c.key = ch.register(loop.selector, SelectionKey.OP_READ, c);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "could not register a connection: " + e);
            server.releaseConnection();
            Acceptor.closeQuietly(ch);
        }
    }

    // ------------------------------------------------------------------ reading (event loop)

    void onReady(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && state != CLOSED) {
            onReadable();
        }
    }

    private void onReadable() {
        ByteBuffer buf = loop.readBuffer;
        boolean batch = server.settings().dispatchMode() == DispatchMode.EVENT_LOOP;
        if (batch) {
            cork();
        }
        try {
            for (int i = 0; i < MAX_READS_PER_EVENT && state != CLOSED; i++) {
                buf.clear();
                int n;
                try {
                    n = readNet(buf);
                } catch (IOException e) {
                    onIoError(e);
                    return;
                }
                if (n < 0) {
                    onEndOfStream();
                    return;
                }
                buf.flip();
                if (n > 0) {
                    lastRead = System.nanoTime();
                    pingSentAt = 0;
                    if (state == HANDSHAKE) {
                        handshake(buf);
                    } else {
                        feed(buf);
                    }
                }
                if (buf.position() < buf.limit() && state == HANDSHAKE) {
                    break; // kept in head
                }
                if ((n < buf.capacity() && !hasBufferedInput()) || readPaused()) {
                    break;
                }
            }
        } finally {
            if (batch) {
                uncork();
            }
            if (hasBufferedInput() && state != CLOSED && !readPaused()) {
                loop.execute(this::readBuffered); // the loop above stopped early: come back soon
            }
            if (hasPendingOutput()) {
                lock.lock();
                try {
                    interestChanged(); // TLS handshake records wait for the socket
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void feed(ByteBuffer buf) {
        if (closeReceived != null || state == HANDSHAKE || inputFailed) {
            return; // nothing is read after the peer's close (RFC 6455 §5.5.1) or after a failure
        }
        if (assembler == null) {
            assembler = loop.takeAssembler(this);
        }
        try {
            assembler.feed(buf);
            if (!ownAssembler && assembler != null && assembler.isReusable()) {
                loop.giveBack(assembler); // between messages: an idle session holds no assembler
                assembler = null;
            }
        } catch (WebSocketException e) {
            failConnection(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "decoding failed on " + this, e);
            failConnection(new dev.ws.InternalErrorException("internal error", e));
        }
    }

    private void handshake(ByteBuffer buf) {
        ByteBuffer in = buf;
        if (head != null) {
            appendToHead(buf);
            in = head.flip();
        }
        ByteBuffer out = loop.handshakeOut.clear();
        HandshakeResult result = server.handshakeResult(loop);
        result.reset();
        int r = server.upgrader().upgrade(in, out, result);
        if (r == Upgrader.NEED_MORE) {
            if (head == null) {
                appendToHead(in);
            } else {
                head.compact();
            }
            return;
        }
        out.flip();
        if (r == Upgrader.REJECTED) {
            HandshakeRejectedException rejection = result.rejection();
            server.listener().onHandshakeRejected(rejection.status(), rejection.reason());
            logRejection(rejection);
            writeNow(out);
            terminate(null);
            return;
        }
        open(result, out);
        if (in.hasRemaining() && state == OPEN) {
            feed(in); // frames that came with the request (case H.15)
        }
        head = null;
    }

    /**
     * One line per refused handshake, naming the peer, the status and the rule (the reason never
     * holds request data). A failing callback (500) is a server bug: its cause goes to the log.
     */
    private void logRejection(HandshakeRejectedException rejection) {
        String rule = rejection == HandshakeRejectedException.HEAD_TOO_LARGE
                ? " (maxHeadBytes " + server.settings().maxHeadBytes() + ")"
                : rejection == HandshakeRejectedException.TOO_MANY_HEADERS
                ? " (maxHeaders " + server.settings().maxHeaders() + ")"
                : rejection == Handshakes.ORIGIN_NOT_ALLOWED ? " (allowedOrigins)" : "";
        String line = "handshake from " + remoteAddress() + " refused with " + rejection.status() + ": "
                + rejection.reason() + rule;
        if (rejection.getCause() != null) {
            LOG.log(System.Logger.Level.WARNING, line, rejection.getCause());
        } else {
            LOG.log(System.Logger.Level.INFO, line);
        }
    }

    /**
     * Keeps the bytes of an incomplete request head, growing the buffer up to one byte past the
     * limit so that the upgrader can see the overflow and answer 431.
     */
    private void appendToHead(ByteBuffer src) {
        int cap = server.settings().maxHeadBytes() + 1;
        if (head == null) {
            head = ByteBuffer.allocate(Math.min(cap, Math.max(1024, src.remaining() * 2)));
        }
        if (head.remaining() < src.remaining() && head.capacity() < cap) {
            int size = Math.min(cap, Math.max(head.capacity() * 2, head.position() + src.remaining()));
            head = ByteBuffer.allocate(size).put(head.flip());
        }
        int n = Math.min(head.remaining(), src.remaining());
        head.put(head.position(), src, src.position(), n).position(head.position() + n);
        src.position(src.limit());
    }

    private void open(HandshakeResult result, ByteBuffer response) {
        ServerSettings s = server.settings();
        path = result.path();
        String u = result.uri();
        query = result.query();
        subprotocol = result.subprotocol();
        Route.Match match = Route.find(server.routes(), path);
        route = match.route();
        pathParams = match.params();
        if (route.path().isLiteral()) {
            path = route.path().template(); // share the route's string: idle sessions are small
        }
        uri = u.equals(path) ? path : u; // one string when there is no query
        headers = result.headers();
        if (result.hasAttributes()) {
            attributes = new ConcurrentHashMap<>(result.attributes());
        }
        extensions = installExtensions(result);
        openedAtMillis = System.currentTimeMillis();
        writeNow(response);
        lock.lock();
        try {
            state = OPEN;
        } finally {
            lock.unlock();
        }
        server.listener().onOpen(this);
        deliver(Event.OPEN);
    }

    /** Plugs the negotiated extensions into this session; returns their names. */
    private List<String> installExtensions(HandshakeResult result) {
        List<dev.ws.NegotiatedExtension> negotiated = result.extensions();
        if (negotiated.isEmpty()) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>(negotiated.size());
        for (dev.ws.NegotiatedExtension e : negotiated) {
            if (e instanceof NegotiatedDeflate d) {
                ServerSettings s = server.settings();
                assembler = new MessageAssembler(Side.SERVER, s.maxFramePayload(), s.maxMessageSize(), this);
                assembler.extension(d.newInflater()); // its state is this session's: never lent
                ownAssembler = true;
                deflater = d.newDeflater();
            }
            names.add(e.responseOption().name());
        }
        return List.copyOf(names);
    }

    private void onEndOfStream() {
        if (state == HANDSHAKE) {
            terminate(null);
        } else {
            terminate(closeSent != null ? closeSent : CloseStatus.ABNORMAL);
        }
    }

    private void onIoError(IOException e) {
        if (state == HANDSHAKE && e instanceof javax.net.ssl.SSLException) {
            LOG.log(System.Logger.Level.INFO, () -> "TLS handshake from " + remoteAddress() + " failed: "
                    + e.getMessage());
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "I/O error on " + this + ": " + e);
        }
        terminate(closeSent != null ? closeSent : CloseStatus.ABNORMAL);
    }

    /** Fails the connection after a protocol violation: close frame, then TCP close (RFC 6455 §7.1.7). */
    private void failConnection(WebSocketException e) {
        inputFailed = true;
        lock.lock();
        try {
            closeAfterFlush = true;
        } finally {
            lock.unlock();
        }
        String session = toString(); // before the state turns to closing
        if (sendClose(e.closeStatus(), true)) {
            LOG.log(System.Logger.Level.INFO, () -> "closing " + session + " with " + e.closeCode() + ": "
                    + e.getMessage());
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "after its close, " + this + " sent bad data: " + e.getMessage());
            lock.lock();
            try {
                afterFlush(); // our close went out before: close TCP now, not at the close timeout
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ MessageListener (event loop)

    @Override
    public void onText(ByteBuffer utf8) {
        server.listener().onMessageReceived(this, OpCode.TEXT, utf8.remaining());
        reportReceived(OpCode.TEXT, utf8);
        if (closeSent != null) {
            return;
        }
        String text = utf8.hasArray()
                ? new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(), StandardCharsets.UTF_8)
                : StandardCharsets.UTF_8.decode(utf8).toString();
        deliver(new Event.Text(text));
    }

    @Override
    public void onBinary(ByteBuffer data) {
        server.listener().onMessageReceived(this, OpCode.BINARY, data.remaining());
        reportReceived(OpCode.BINARY, data);
        if (closeSent != null) {
            return;
        }
        if (server.settings().dispatchMode() == DispatchMode.EVENT_LOOP) {
            deliver(new Event.Binary(data));
        } else {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            deliver(new Event.Binary(copy));
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        reportReceived(OpCode.PING, payload);
        if (closeSent == null) {
            sendControl(OpCode.OP_PONG, payload);
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        server.listener().onMessageReceived(this, OpCode.PONG, payload.remaining());
        reportReceived(OpCode.PONG, payload);
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        deliver(new Event.Pong(copy));
    }

    /** Tells the frame listener, if any, about a received frame; the buffer is not moved. */
    private void reportReceived(OpCode type, ByteBuffer payload) {
        FrameListener f = server.frameListener();
        if (f != null) {
            f.onReceived(this, type, payload.asReadOnlyBuffer());
        }
    }

    @Override
    public void onClose(CloseStatus status) {
        if (server.frameListener() != null) {
            reportReceived(OpCode.CLOSE, ByteBuffer.wrap(status.toPayload()));
        }
        closeReceived = status;
        boolean peerStarted = closeSent == null;
        peerStartedClose = peerStarted;
        lock.lock();
        try {
            closeAfterFlush = true; // the server closes TCP first (RFC 6455 §7.1.1)
            if (!peerStarted) {
                afterFlush(); // our close was answered: close TCP once our bytes are out
            }
        } finally {
            lock.unlock();
        }
        if (peerStarted) {
            sendClose(status.isSendable() ? status : CloseStatus.NO_STATUS, false);
        }
    }

    // ------------------------------------------------------------------ dispatch

    /** Runs a handler event inline (event-loop mode) or queues it for this session's virtual thread. */
    private void deliver(Object event) {
        if (server.settings().dispatchMode() == DispatchMode.EVENT_LOOP) {
            invoke(event);
            return;
        }
        boolean start;
        lock.lock();
        try {
            if (inbox == null) {
                inbox = new ArrayDeque<>(4);
            }
            inbox.add(event);
            start = !draining;
            draining = true;
            if (inbox.size() >= server.settings().maxPendingMessages() && !inboxFull) {
                inboxFull = true;
                interestChanged();
            }
        } finally {
            lock.unlock();
        }
        if (start) {
            server.startHandlerThread(this::drain);
        }
    }

    private void drain() {
        for (;;) {
            Object event;
            lock.lock();
            try {
                event = inbox == null ? null : inbox.poll();
                if (event == null) {
                    draining = false;
                    inbox = null;
                    burst = false;
                    if (queue != null && cork == 0) {
                        flushLocked(); // what the burst queued, now, not when the loop gets to it
                    }
                    return;
                }
                burst = !inbox.isEmpty();
                if (inboxFull && inbox.size() <= server.settings().maxPendingMessages() / 2) {
                    inboxFull = false;
                    interestChanged();
                }
            } finally {
                lock.unlock();
            }
            invoke(event);
        }
    }

    private void invoke(Object event) {
        WebSocketHandler h = route == null ? null : route.handler();
        if (h == null) {
            return;
        }
        long start = System.nanoTime();
        Throwable error = null;
        try {
            switch (event) {
                case Event.Text t -> h.onText(this, t.text());
                case Event.Binary b -> h.onBinary(this, b.data());
                case Event.Pong p -> h.onPong(this, p.data());
                case Event.Close c -> {
                    h.onClose(this, c.status());
                    return;
                }
                default -> h.onOpen(this);
            }
        } catch (Throwable t) {
            error = t;
        }
        server.listener().onHandled(this, System.nanoTime() - start, error);
        if (error != null) {
            handlerFailed(h, error);
        }
    }

    private void handlerFailed(WebSocketHandler h, Throwable error) {
        LOG.log(System.Logger.Level.WARNING, "handler of " + route.path() + " failed on session " + id()
                + "; closing with 1011", error);
        try {
            h.onError(this, error);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + route.path() + " failed", t);
        }
        close(new CloseStatus(CloseCodes.INTERNAL_ERROR, "internal error"));
    }

    /** Handler events, queued in order. */
    sealed interface Event {
        Object OPEN = new Object();

        record Text(String text) implements Event {
        }

        record Binary(ByteBuffer data) implements Event {
        }

        record Pong(ByteBuffer data) implements Event {
        }

        record Close(CloseStatus status) implements Event {
        }
    }

    // ------------------------------------------------------------------ sending (any thread)

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        return sendData(OpCode.OP_TEXT, ByteBuffer.wrap(payload));
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        return sendData(OpCode.OP_BINARY, data);
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        return sendData(OpCode.OP_BINARY, ByteBuffer.wrap(data));
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer data) {
        if (data.remaining() > FrameHeader.MAX_CONTROL_PAYLOAD) {
            return CompletableFuture.failedStage(new IllegalArgumentException(
                    "ping payload " + data.remaining() + " exceeds 125"));
        }
        return sendControl(OpCode.OP_PING, data);
    }

    @Override
    public CompletionStage<Void> send(PreparedMessage message) {
        server.listener().onMessageSent(this, message.opCode(), message.payloadLength());
        CompletionStage<Void> sent = deflater != null
                ? sendCompressed(message.opCode().code(), message.payload())
                : enqueue(message.frame(), false);
        if (server.frameListener() != null) {
            reportSent(message.opCode().code(), message.payload(), sent);
        }
        return sent;
    }

    private CompletionStage<Void> sendData(int opcode, ByteBuffer payload) {
        server.listener().onMessageSent(this, OpCode.of(opcode), payload.remaining());
        CompletionStage<Void> sent = deflater != null
                ? sendCompressed(opcode, payload)
                : enqueue(encode(opcode, payload), false);
        return reportSent(opcode, payload, sent);
    }

    /**
     * Tells the frame listener, if any, about a frame the queue accepted; a refused send fails at
     * once and is not reported. The payload is not moved.
     */
    private CompletionStage<Void> reportSent(int opcode, ByteBuffer payload, CompletionStage<Void> sent) {
        FrameListener f = server.frameListener();
        if (f != null && !sent.toCompletableFuture().isCompletedExceptionally()) {
            f.onSent(this, OpCode.of(opcode), payload.asReadOnlyBuffer());
        }
        return sent;
    }

    /**
     * Compresses and queues under the lock, after the checks, so that messages are compressed in
     * the order they are sent (context takeover) and none is compressed and then refused.
     */
    private CompletionStage<Void> sendCompressed(int opcode, ByteBuffer payload) {
        lock.lock();
        try {
            CompletionStage<Void> refused = refusal(false, false);
            if (refused != null) {
                return refused;
            }
            return enqueue(deflater.shouldCompress(payload.remaining())
                    ? encodeCompressed(opcode, payload) : encode(opcode, payload), false);
        } finally {
            lock.unlock();
        }
    }

    /** One frame holding the compressed message, RSV1 set (RFC 7692 §6), header right before it. */
    private ByteBuffer encodeCompressed(int opcode, ByteBuffer payload) {
        int room = FrameHeader.MAX_HEADER_SIZE;
        ByteBuffer buf = ByteBuffer.allocate(room + MessageDeflater.maxCompressedLength(payload.remaining()));
        buf.position(room);
        int n = deflater.compress(payload.duplicate(), buf);
        int headerSize = FrameHeader.encodedSize(n, false);
        buf.position(room - headerSize);
        FrameEncoder.writeHeader(true, MessageDeflater.RSV, opcode, n, false, 0, buf);
        return buf.position(room - headerSize).limit(room + n).slice();
    }

    private CompletionStage<Void> sendControl(int opcode, ByteBuffer payload) {
        return reportSent(opcode, payload, enqueue(encode(opcode, payload), true));
    }

    private static ByteBuffer encode(int opcode, ByteBuffer payload) {
        int len = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.encodedSize(len, false) + len);
        FrameEncoder.writeHeader(true, 0, opcode, len, false, 0, frame);
        frame.put(payload.duplicate());
        return frame.flip();
    }

    @Override
    public CompletionStage<Void> close(CloseStatus status) {
        if (!status.isSendable()) {
            throw new IllegalArgumentException("close code " + status.code() + " may not be sent");
        }
        sendClose(status, false);
        return closedFuture();
    }

    /** Queues our close frame; false when one was sent before or the session is not open. */
    private boolean sendClose(CloseStatus status, boolean failing) {
        ByteBuffer frame;
        ByteBuffer payload;
        lock.lock();
        try {
            if (closeSent != null || state == CLOSED || state == HANDSHAKE) {
                return false;
            }
            closeSent = status;
            if (state == OPEN) {
                state = CLOSING;
            }
            deadline = System.nanoTime() + server.settings().closeTimeout().toNanos();
            payload = ByteBuffer.allocate(FrameHeader.MAX_CONTROL_PAYLOAD);
            status.writeTo(payload);
            frame = encode(OpCode.OP_CLOSE, payload.flip());
        } finally {
            lock.unlock();
        }
        reportSent(OpCode.OP_CLOSE, payload, enqueue(frame, true));
        return true;
    }

    /**
     * Queues a whole frame, or writes it at once when nothing is queued and no batch is open.
     * Control frames bypass the watermark (the engine's own replies are bounded by pausing reads).
     */
    private CompletionStage<Void> enqueue(ByteBuffer frame, boolean control) {
        boolean isClose = control && (frame.get(0) & 0xF) == OpCode.OP_CLOSE;
        lock.lock();
        try {
            CompletionStage<Void> refused = refusal(control, isClose);
            if (refused != null) {
                return refused;
            }
            if (queue == null && cork == 0 && !burst && !hasPendingOutput()) {
                if (!writeDirect(frame)) {
                    return CompletableFuture.failedStage(new SendRejectedException("connection broken"));
                }
                if (!frame.hasRemaining()) {
                    afterFlush();
                    return DONE;
                }
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(new Pending(frame, future));
            queued += frame.remaining();
            if (burst && cork == 0) {
                if (queued >= Math.min(MAX_BURST_BYTES, server.settings().outboundLowWatermark())) {
                    flushLocked(); // enough for one write: the queue is not for a writable socket
                } else {
                    scheduleFlush();
                }
            }
            if (!unwritable && outboundCost() >= server.settings().outboundHighWatermark()) {
                unwritable = true;
                unwritableSince = System.nanoTime();
                if (server.settings().slowConsumerPolicy() == SlowConsumerPolicy.CLOSE && !control) {
                    closeSlowConsumer();
                }
                interestChanged();
            } else if (cork == 0 && !burst) {
                interestChanged();
            }
            return future;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Has the loop write the queue soon (lock held): a handler that sends and then blocks, or
     * waits for its send, does not wait for the end of the burst.
     */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flushFromLoop);
        }
    }

    private void flushFromLoop() {
        lock.lock();
        try {
            flushScheduled = false;
            if (queue != null && cork == 0) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The memory the outbound queue holds, as the watermarks count it (lock held). */
    private long outboundCost() {
        return queue == null ? queued : queued + (long) queue.size() * QUEUED_FRAME_OVERHEAD;
    }

    /** Why a frame cannot be queued now, as a failed stage, or null when it can (lock held). */
    private CompletionStage<Void> refusal(boolean control, boolean isClose) {
        if (state == CLOSED || state == HANDSHAKE || (closeSent != null && !isClose)) {
            return CompletableFuture.failedStage(new SendRejectedException(
                    state == HANDSHAKE ? "session is not open" : "session is closing or closed"));
        }
        if (!control && unwritable) {
            if (server.settings().slowConsumerPolicy() == SlowConsumerPolicy.CLOSE) {
                closeSlowConsumer();
            }
            return CompletableFuture.failedStage(new SendRejectedException(
                    "slow consumer: " + queued + " bytes queued for session " + id()));
        }
        return null;
    }

    /** Under the CLOSE policy (lock held, any thread): closes on the loop. */
    private void closeSlowConsumer() {
        loop.execute(() -> closeSlowConsumer("above outboundHighWatermark "
                + server.settings().outboundHighWatermark() + " (slowConsumerPolicy CLOSE)"));
    }

    /**
     * Closes with 1008 "slow consumer" and logs it once, however many refused sends asked for it.
     * The close frame queues behind the backlog; the close timeout drops a peer that never reads it.
     */
    private void closeSlowConsumer(String rule) {
        long bytes = queuedBytes();
        String session = toString();
        if (sendClose(new CloseStatus(CloseCodes.POLICY_VIOLATION, "slow consumer"), false)) {
            LOG.log(System.Logger.Level.INFO, () -> "closing " + session + " with 1008: slow consumer, " + bytes
                    + " bytes queued, " + rule);
        }
    }

    /** Opens a batch: sends queue up until {@link #uncork()} writes them with one gathering write. */
    private void cork() {
        lock.lock();
        try {
            cork++;
        } finally {
            lock.unlock();
        }
    }

    private void uncork() {
        lock.lock();
        try {
            if (--cork == 0 && queue != null) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void onWritable() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Writes one buffer directly (lock held); false when the connection broke. */
    private boolean writeDirect(ByteBuffer frame) {
        try {
            writeSliced(frame);
            return true;
        } catch (IOException e) {
            brokenWhileWriting(e);
            return false;
        }
    }

    private void writeSliced(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            int n = Math.min(buf.remaining(), MAX_WRITE_BYTES);
            long written;
            if (n == buf.remaining()) {
                written = writeNet(new ByteBuffer[] {buf}, 0, 1);
            } else {
                ByteBuffer slice = buf.slice(buf.position(), n);
                written = writeNet(new ByteBuffer[] {slice}, 0, 1);
                buf.position(buf.position() + (int) written);
            }
            lastWrite = System.nanoTime();
            if (written < n) {
                return;
            }
        }
    }

    /** Writes queued frames (lock held), gathering several per call. */
    private void flushLocked() {
        try {
            if (hasPendingOutput() && !flushPending()) {
                return;
            }
            while (queue != null) {
                Pending first = queue.peek();
                long before;
                if (queue.size() == 1 || first.buf.remaining() >= MAX_WRITE_BYTES) {
                    before = first.buf.remaining();
                    writeSliced(first.buf);
                    queued -= before - first.buf.remaining();
                } else {
                    ByteBuffer[] gather = new ByteBuffer[Math.min(queue.size(), MAX_GATHER)];
                    int n = 0;
                    long total = 0;
                    for (Pending p : queue) {
                        if (n == gather.length || (n > 0 && total + p.buf.remaining() > MAX_WRITE_BYTES)) {
                            break;
                        }
                        gather[n++] = p.buf;
                        total += p.buf.remaining();
                    }
                    long written = writeNet(gather, 0, n);
                    lastWrite = System.nanoTime();
                    queued -= written;
                }
                boolean progress = false;
                while (!queue.isEmpty() && !queue.peek().buf.hasRemaining()) {
                    queue.poll().future.complete(null);
                    progress = true;
                }
                if (queue.isEmpty()) {
                    queue = null;
                } else if (!progress) {
                    break; // the socket is full
                }
            }
        } catch (IOException e) {
            brokenWhileWriting(e);
            return;
        }
        afterFlush();
        interestChanged();
    }

    /** After bytes left (lock held): writability, reading, and closing once all is out. */
    private void afterFlush() {
        if (unwritable && outboundCost() < server.settings().outboundLowWatermark()) {
            unwritable = false;
            interestChanged();
        }
        if (queue == null && !hasPendingOutput() && closeAfterFlush && state != CLOSED) {
            loop.execute(() -> terminate(closingStatus()));
        }
    }

    /** The status a closing session ends with: the one of whoever started the close. */
    private CloseStatus closingStatus() {
        if (closeSent == null) {
            return closeReceived != null ? closeReceived : CloseStatus.ABNORMAL;
        }
        return peerStartedClose ? closeReceived : closeSent;
    }

    private void brokenWhileWriting(IOException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "write failed on " + this + ": " + e);
        failQueued(e);
        loop.run(() -> terminate(closeSent != null ? closeSent : CloseStatus.ABNORMAL));
    }

    private void failQueued(Throwable cause) {
        if (queue != null) {
            for (Pending p : queue) {
                p.future.completeExceptionally(cause);
            }
            queue = null;
            queued = 0;
        }
    }

    /** Writes handshake bytes from a loop-owned buffer: directly, or copied into the queue. */
    private void writeNow(ByteBuffer bytes) {
        lock.lock();
        try {
            if (queue == null && writeDirect(bytes) && !bytes.hasRemaining()) {
                return;
            }
            if (bytes.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
                if (queue == null) {
                    queue = new ArrayDeque<>(4);
                }
                queue.add(new Pending(copy, new CompletableFuture<>()));
                queued += copy.remaining();
                interestChanged();
            }
        } finally {
            lock.unlock();
        }
    }

    private record Pending(ByteBuffer buf, CompletableFuture<Void> future) {
    }

    // ------------------------------------------------------------------ transport (null = plain TCP)

    private int readNet(ByteBuffer dst) throws IOException {
        if (transport != null) {
            return transport.read(dst);
        }
        // dst is the loop's heap read buffer; reading through the loop's own direct buffer of the
        // same size spares the JDK's temporary direct buffer cache, whose sizes then churn
        // against the writes' sizes
        ByteBuffer direct = loop.directReadBuffer.clear().limit(dst.remaining());
        int n = channel.read(direct);
        if (n > 0) {
            dst.put(direct.flip());
        }
        return n;
    }

    private long writeNet(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (transport != null) {
            return transport.write(srcs, offset, length);
        }
        return length == 1 ? channel.write(srcs[offset]) : channel.write(srcs, offset, length);
    }

    private boolean hasBufferedInput() {
        return transport != null && transport.hasBufferedInput();
    }

    private boolean hasPendingOutput() {
        return transport != null && transport.hasPendingOutput();
    }

    private boolean flushPending() throws IOException {
        return transport == null || transport.flushPending();
    }

    // ------------------------------------------------------------------ interest ops

    private boolean readPaused() {
        return unwritable || inboxFull;
    }

    /** The selection interest the current state calls for (lock held). */
    private int wantedOps() {
        return (readPaused() || state == CLOSED ? 0 : SelectionKey.OP_READ)
                | (queue != null || hasPendingOutput() ? SelectionKey.OP_WRITE : 0);
    }

    /** Makes the loop apply {@link #wantedOps()} when it changed (lock held, any thread). */
    private void interestChanged() {
        int wanted = wantedOps();
        if (wanted == requestedOps) {
            return;
        }
        requestedOps = wanted;
        if (loop.inLoop()) {
            applyInterest();
        } else if (!interestTaskQueued) {
            interestTaskQueued = true;
            loop.execute(this::applyInterest);
        }
    }

    private void applyInterest() {
        int ops;
        lock.lock();
        try {
            interestTaskQueued = false;
            ops = requestedOps;
        } finally {
            lock.unlock();
        }
        if (key != null && key.isValid() && key.interestOps() != ops) {
            boolean resumed = (ops & SelectionKey.OP_READ) != 0 && (key.interestOps() & SelectionKey.OP_READ) == 0;
            key.interestOps(ops);
            if (resumed && hasBufferedInput()) {
                loop.execute(this::readBuffered); // no readiness event will announce these bytes
            }
        }
    }

    private void readBuffered() {
        if (state != CLOSED && !readPaused()) {
            onReadable();
        }
    }

    // ------------------------------------------------------------------ timers (event loop)

    void tick(long now) {
        ServerSettings s = server.settings();
        switch (state) {
            case HANDSHAKE -> {
                if (now - deadline > 0) {
                    LOG.log(System.Logger.Level.INFO, () -> "handshake from " + remoteAddress()
                            + " dropped: not complete within handshakeTimeout " + s.handshakeTimeout().toMillis()
                            + " ms");
                    server.listener().onHandshakeRejected(408, "handshake timeout");
                    terminate(null);
                }
            }
            case OPEN -> {
                long idle = s.idleTimeout().toNanos();
                if (idle > 0 && now - Math.max(lastRead, lastWrite) > idle) {
                    close(new CloseStatus(CloseCodes.GOING_AWAY, "idle timeout"));
                    return;
                }
                long ping = s.pingInterval().toNanos();
                if (ping > 0) {
                    if (pingSentAt == 0 && now - lastRead > ping) {
                        pingSentAt = now;
                        sendControl(OpCode.OP_PING, ByteBuffer.allocate(0));
                    } else if (pingSentAt != 0 && now - pingSentAt > s.pongTimeout().toNanos()) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "no pong from " + this);
                        terminate(new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "no pong within " + s.pongTimeout()));
                        return;
                    }
                }
                checkSlowConsumer(now, s);
            }
            case CLOSING -> {
                if (now - deadline > 0) {
                    terminate(closingStatus());
                }
            }
            default -> {
            }
        }
    }

    private void checkSlowConsumer(long now, ServerSettings s) {
        boolean tooSlow;
        lock.lock();
        try {
            tooSlow = unwritable && now - unwritableSince > s.slowConsumerTimeout().toNanos();
        } finally {
            lock.unlock();
        }
        if (tooSlow) {
            closeSlowConsumer("above outboundHighWatermark " + s.outboundHighWatermark()
                    + " for longer than slowConsumerTimeout " + s.slowConsumerTimeout().toMillis() + " ms");
        }
    }

    // ------------------------------------------------------------------ closing (event loop)

    /** Closes the TCP connection and reports the end of the session (idempotent, on the loop). */
    void terminate(CloseStatus status) {
        int previous;
        lock.lock();
        try {
            previous = state;
            if (previous == CLOSED) {
                return;
            }
            state = CLOSED;
            failQueued(new SendRejectedException("session closed"));
            inboxFull = false;
            if (deflater != null) {
                deflater.close();
                deflater = null;
            }
        } finally {
            lock.unlock();
        }
        if (key != null) {
            key.cancel();
        }
        Acceptor.closeQuietly(channel);
        if (transport != null) {
            transport.release();
        }
        head = null;
        if (assembler != null) {
            assembler.close();
        }
        server.releaseConnection();
        if (previous != HANDSHAKE) {
            CloseStatus finalStatus = status == null ? CloseStatus.ABNORMAL : status;
            server.listener().onClose(this, finalStatus);
            deliver(new Event.Close(finalStatus));
        }
        CompletableFuture<Void> f = closed;
        if (f != null) {
            f.complete(null);
        }
    }

    /** Drops the connection after an unexpected failure or at shutdown. */
    void abort(Throwable cause) {
        terminate(closeSent != null ? closeSent : CloseStatus.ABNORMAL);
    }

    private CompletionStage<Void> closedFuture() {
        CompletableFuture<Void> f = closed;
        if (f == null) {
            lock.lock();
            try {
                f = closed;
                if (f == null) {
                    f = new CompletableFuture<>();
                    closed = f;
                }
            } finally {
                lock.unlock();
            }
            if (state == CLOSED) {
                f.complete(null);
            }
        }
        return f.minimalCompletionStage();
    }

    int state() {
        return state;
    }

    // ------------------------------------------------------------------ WebSocketSession accessors

    @Override
    public String id() {
        return Long.toString(serial, 36);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams == null ? Map.of() : pathParams;
    }

    @Override
    public String route() {
        return route == null ? null : route.path().template();
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        InetSocketAddress r = remote;
        if (r == null) {
            try {
                r = (InetSocketAddress) channel.getRemoteAddress();
            } catch (IOException | RuntimeException e) {
                return null;
            }
            remote = r;
        }
        return r;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> a = attributes;
        if (a == null) {
            lock.lock();
            try {
                a = attributes;
                if (a == null) {
                    a = new ConcurrentHashMap<>(4);
                    attributes = a;
                }
            } finally {
                lock.unlock();
            }
        }
        return a;
    }

    @Override
    public boolean isOpen() {
        return state == OPEN;
    }

    @Override
    public boolean isWritable() {
        return state == OPEN && !unwritable;
    }

    @Override
    public long queuedBytes() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long openedAtMillis() {
        return openedAtMillis;
    }

    @Override
    public String toString() {
        return "session " + id() + " " + (path == null ? "(handshake)" : path) + " from " + remoteAddress()
                + " [" + switch (state) {
                    case HANDSHAKE -> "handshake";
                    case OPEN -> "open";
                    case CLOSING -> "closing";
                    default -> "closed";
                } + "]";
    }
}
