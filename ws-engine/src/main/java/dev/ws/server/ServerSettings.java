package dev.ws.server;

import java.time.Duration;
import java.util.List;

/**
 * Every limit and timeout of a {@link WebSocketServer}, with the defaults a server gets when the
 * builder is not told otherwise. A duration of zero disables that timer. Immutable.
 *
 * @param eventLoops            selector threads (default: available processors)
 * @param dispatchMode          where handler callbacks run (default virtual threads)
 * @param maxConnections        open connections, handshakes included; beyond it new connections get
 *                              503 and are closed (default 10,000)
 * @param maxHeadBytes          size of a handshake request head; beyond it 431 (default 8 KiB)
 * @param maxHeaders            header lines in a handshake request head; beyond it 431 (default 100)
 * @param maxFramePayload       payload of one received frame; beyond it 1009 (default 1 MiB)
 * @param maxMessageSize        size of one received message, fragments and inflation included;
 *                              beyond it 1009 (default 1 MiB)
 * @param handshakeTimeout      time from accept to a complete handshake (slowloris); then the
 *                              connection is dropped (default 10 s)
 * @param idleTimeout           time without any frame read or written; then close 1001 (default 5 min)
 * @param pingInterval          keep-alive: a ping after this long without a read (default 0 = off)
 * @param pongTimeout           time to wait for any read after a keep-alive ping; then the connection
 *                              is dropped (default 10 s)
 * @param closeTimeout          time to wait for the peer's close frame after ours; then the TCP
 *                              connection is dropped (default 5 s)
 * @param outboundHighWatermark queued outbound bytes at which a session stops being writable and the
 *                              engine stops reading from it (default 1 MiB); each queued frame also
 *                              counts 128 bytes for its bookkeeping, so tiny frames cannot hold more
 *                              memory than the watermark says
 * @param outboundLowWatermark  queued bytes below which it becomes writable again (default 256 KiB)
 * @param slowConsumerPolicy    what sends do above the high watermark (default fail the send)
 * @param slowConsumerTimeout   time a session may stay above the high watermark before it is closed
 *                              with 1008 (default 30 s)
 * @param maxPendingMessages    received messages waiting for a virtual-thread handler; beyond it the
 *                              engine stops reading from the peer until half are handled (default 64)
 * @param readBufferSize        size of each event loop's read buffer (default 64 KiB)
 * @param shutdownTimeout       on stop, time to wait for the peers' close replies after 1001 (default 5 s)
 * @param allowedOrigins        values of {@code Origin} accepted; empty accepts any (default empty)
 * @param captureHeaders        request headers kept for the session (lower-case names); "*" keeps all
 *                              (default none)
 */
public record ServerSettings(
        int eventLoops,
        DispatchMode dispatchMode,
        int maxConnections,
        int maxHeadBytes,
        int maxHeaders,
        long maxFramePayload,
        long maxMessageSize,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration pingInterval,
        Duration pongTimeout,
        Duration closeTimeout,
        long outboundHighWatermark,
        long outboundLowWatermark,
        SlowConsumerPolicy slowConsumerPolicy,
        Duration slowConsumerTimeout,
        int maxPendingMessages,
        int readBufferSize,
        Duration shutdownTimeout,
        List<String> allowedOrigins,
        List<String> captureHeaders) {

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;
    /** Browsers send 10 to 20 header lines; the upgrader's default. */
    public static final int DEFAULT_MAX_HEADERS = dev.ws.Upgrader.DEFAULT_MAX_HEADERS;
    public static final long DEFAULT_MAX_FRAME_PAYLOAD = 1024 * 1024;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ZERO;
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_OUTBOUND_HIGH_WATERMARK = 1024 * 1024;
    public static final long DEFAULT_OUTBOUND_LOW_WATERMARK = 256 * 1024;
    public static final Duration DEFAULT_SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 64;
    public static final int DEFAULT_READ_BUFFER_SIZE = 64 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    public ServerSettings {
        require(eventLoops >= 1, "eventLoops must be at least 1, got " + eventLoops);
        require(maxConnections >= 1, "maxConnections must be at least 1, got " + maxConnections);
        require(maxHeadBytes >= 256, "maxHeadBytes must be at least 256, got " + maxHeadBytes);
        require(maxHeaders >= 1 && maxHeaders <= 10_000, "maxHeaders must be in 1..10000, got " + maxHeaders);
        require(maxFramePayload >= 125, "maxFramePayload must be at least 125, got " + maxFramePayload);
        require(maxMessageSize >= 1, "maxMessageSize must be positive, got " + maxMessageSize);
        require(outboundHighWatermark > 0, "outboundHighWatermark must be positive");
        require(outboundLowWatermark >= 0 && outboundLowWatermark < outboundHighWatermark,
                "outboundLowWatermark (" + outboundLowWatermark + ") must be below outboundHighWatermark ("
                        + outboundHighWatermark + ")");
        require(maxPendingMessages >= 1, "maxPendingMessages must be at least 1");
        require(readBufferSize >= 1024, "readBufferSize must be at least 1024, got " + readBufferSize);
        for (Duration d : List.of(handshakeTimeout, idleTimeout, pingInterval, pongTimeout, closeTimeout,
                slowConsumerTimeout, shutdownTimeout)) {
            require(!d.isNegative(), "timeouts must not be negative, got " + d);
        }
        require(!handshakeTimeout.isZero(), "handshakeTimeout must be positive");
        require(!closeTimeout.isZero(), "closeTimeout must be positive");
        require(!pongTimeout.isZero(), "pongTimeout must be positive");
        allowedOrigins = List.copyOf(allowedOrigins);
        captureHeaders = captureHeaders.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** The defaults. */
    public static ServerSettings defaults() {
        return new ServerSettings(Runtime.getRuntime().availableProcessors(), DispatchMode.VIRTUAL_THREADS,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_FRAME_PAYLOAD,
                DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_PING_INTERVAL,
                DEFAULT_PONG_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, DEFAULT_OUTBOUND_HIGH_WATERMARK,
                DEFAULT_OUTBOUND_LOW_WATERMARK, SlowConsumerPolicy.FAIL_SEND, DEFAULT_SLOW_CONSUMER_TIMEOUT,
                DEFAULT_MAX_PENDING_MESSAGES, DEFAULT_READ_BUFFER_SIZE, DEFAULT_SHUTDOWN_TIMEOUT, List.of(), List.of());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
