package dev.ws.boot.autoconfigure;

import dev.ws.server.DispatchMode;
import dev.ws.server.SlowConsumerPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the embedded WebSocket server, under {@code ws.server}. Every default equals
 * the engine's ({@code dev.ws.server.ServerSettings}); {@code WsServerPropertiesTest} pins that.
 * Sizes are {@link DataSize}s ({@code 16MB}), times {@link Duration}s ({@code 30s}).
 */
@ConfigurationProperties("ws.server")
public class WsServerProperties {

    /** Whether to run the WebSocket server when the application has @WsHandler beans. */
    private boolean enabled = true;

    /** Network address to bind to. All interfaces when not set. */
    private InetAddress address;

    /**
     * Port of the WebSocket server, separate from server.port. 0 picks a free port, published as
     * the local.ws.server.port property.
     */
    private int port = 8025;

    /** Length of the queue of connections waiting to be accepted. */
    private int backlog = 1024;

    /** Number of event loop (selector) threads. The number of available processors when not set. */
    private Integer eventLoops;

    /**
     * Where handler callbacks run: on virtual threads, one session's messages in order (handlers
     * may block), or inline on the event loop (fastest; handlers must never block).
     */
    private DispatchMode dispatchMode = DispatchMode.VIRTUAL_THREADS;

    /** Values of the Origin header accepted in a handshake; others get 403. Empty accepts any origin. */
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * Handshake request headers kept for handlers (HandshakeInfo, WebSocketSession.header). "*"
     * keeps all of them. None by default, to keep idle sessions small.
     */
    private List<String> captureHeaders = new ArrayList<>();

    /**
     * Whether to log every frame received and sent (opens, closes and handshake rejections too)
     * at DEBUG on the "dev.ws.traffic" logger, which must be at DEBUG as well. Payloads are cut at
     * log-traffic-payload-limit. For development: it logs message contents.
     */
    private boolean logTraffic = false;

    /** Most payload bytes shown per logged frame (text as UTF-8, binary as hex); 0 shows none. */
    private DataSize logTrafficPayloadLimit = DataSize.ofBytes(128);

    private final Limits limits = new Limits();

    private final Timeouts timeouts = new Timeouts();

    private final KeepAlive keepAlive = new KeepAlive();

    private final Outbound outbound = new Outbound();

    private final Compression compression = new Compression();

    private final Ssl ssl = new Ssl();

    private final Shutdown shutdown = new Shutdown();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public InetAddress getAddress() {
        return address;
    }

    public void setAddress(InetAddress address) {
        this.address = address;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getBacklog() {
        return backlog;
    }

    public void setBacklog(int backlog) {
        this.backlog = backlog;
    }

    public Integer getEventLoops() {
        return eventLoops;
    }

    public void setEventLoops(Integer eventLoops) {
        this.eventLoops = eventLoops;
    }

    public DispatchMode getDispatchMode() {
        return dispatchMode;
    }

    public void setDispatchMode(DispatchMode dispatchMode) {
        this.dispatchMode = dispatchMode;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public List<String> getCaptureHeaders() {
        return captureHeaders;
    }

    public void setCaptureHeaders(List<String> captureHeaders) {
        this.captureHeaders = captureHeaders;
    }

    public boolean isLogTraffic() {
        return logTraffic;
    }

    public void setLogTraffic(boolean logTraffic) {
        this.logTraffic = logTraffic;
    }

    public DataSize getLogTrafficPayloadLimit() {
        return logTrafficPayloadLimit;
    }

    public void setLogTrafficPayloadLimit(DataSize logTrafficPayloadLimit) {
        this.logTrafficPayloadLimit = logTrafficPayloadLimit;
    }

    public Limits getLimits() {
        return limits;
    }

    public Timeouts getTimeouts() {
        return timeouts;
    }

    public KeepAlive getKeepAlive() {
        return keepAlive;
    }

    public Outbound getOutbound() {
        return outbound;
    }

    public Compression getCompression() {
        return compression;
    }

    public Ssl getSsl() {
        return ssl;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    /** Limits on what peers may send and hold. */
    public static class Limits {

        /** Maximum open connections, handshakes included. Beyond it new connections get 503. */
        private int maxConnections = 10_000;

        /** Maximum size of a handshake request head. Beyond it the handshake gets 431. */
        private DataSize maxHeadSize = DataSize.ofKilobytes(8);

        /** Maximum number of header lines in a handshake request; beyond it the handshake gets 431. */
        private int maxHeaders = 100;

        /** Maximum payload of one received frame. Beyond it the session is closed with 1009. */
        private DataSize maxFramePayload = DataSize.ofMegabytes(1);

        /**
         * Maximum size of one received message, all fragments (and inflation) included. Beyond it
         * the session is closed with 1009.
         */
        private DataSize maxMessageSize = DataSize.ofMegabytes(1);

        /**
         * Maximum received messages waiting for a virtual-thread handler per session. Beyond it
         * the engine stops reading from that peer until half are handled.
         */
        private int maxPendingMessages = 64;

        /** Size of each event loop's read buffer. */
        private DataSize readBufferSize = DataSize.ofKilobytes(64);

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public DataSize getMaxHeadSize() {
            return maxHeadSize;
        }

        public void setMaxHeadSize(DataSize maxHeadSize) {
            this.maxHeadSize = maxHeadSize;
        }

        public int getMaxHeaders() {
            return maxHeaders;
        }

        public void setMaxHeaders(int maxHeaders) {
            this.maxHeaders = maxHeaders;
        }

        public DataSize getMaxFramePayload() {
            return maxFramePayload;
        }

        public void setMaxFramePayload(DataSize maxFramePayload) {
            this.maxFramePayload = maxFramePayload;
        }

        public DataSize getMaxMessageSize() {
            return maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public int getMaxPendingMessages() {
            return maxPendingMessages;
        }

        public void setMaxPendingMessages(int maxPendingMessages) {
            this.maxPendingMessages = maxPendingMessages;
        }

        public DataSize getReadBufferSize() {
            return readBufferSize;
        }

        public void setReadBufferSize(DataSize readBufferSize) {
            this.readBufferSize = readBufferSize;
        }
    }

    /** Timeouts; zero disables the idle timeout. */
    public static class Timeouts {

        /** Time from accept to a complete handshake (slowloris guard); then the connection is dropped. */
        private Duration handshake = Duration.ofSeconds(10);

        /** Time without any frame read or written; then the session is closed with 1001. 0 disables it. */
        private Duration idle = Duration.ofMinutes(5);

        /** Time to wait for the peer's close frame after ours; then the TCP connection is dropped. */
        private Duration close = Duration.ofSeconds(5);

        public Duration getHandshake() {
            return handshake;
        }

        public void setHandshake(Duration handshake) {
            this.handshake = handshake;
        }

        public Duration getIdle() {
            return idle;
        }

        public void setIdle(Duration idle) {
            this.idle = idle;
        }

        public Duration getClose() {
            return close;
        }

        public void setClose(Duration close) {
            this.close = close;
        }
    }

    /** Keep-alive pings sent by the server. */
    public static class KeepAlive {

        /** Send a ping after this long without a read. 0 (the default) sends none. */
        private Duration pingInterval = Duration.ZERO;

        /** Time to wait for any read after a keep-alive ping; then the connection is dropped. */
        private Duration pongTimeout = Duration.ofSeconds(10);

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Duration getPongTimeout() {
            return pongTimeout;
        }

        public void setPongTimeout(Duration pongTimeout) {
            this.pongTimeout = pongTimeout;
        }
    }

    /** Outbound backpressure: what a session may queue for a peer that reads slowly. */
    public static class Outbound {

        /**
         * Queued outbound bytes at which a session stops being writable and the engine stops
         * reading from its peer.
         */
        private DataSize highWatermark = DataSize.ofMegabytes(1);

        /** Queued outbound bytes below which a session becomes writable again. */
        private DataSize lowWatermark = DataSize.ofKilobytes(256);

        /**
         * What sends do above the high watermark: fail at once (fail-send) or close the session
         * with 1008 (close).
         */
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.FAIL_SEND;

        /** Time a session may stay above the high watermark before it is closed with 1008. */
        private Duration slowConsumerTimeout = Duration.ofSeconds(30);

        public DataSize getHighWatermark() {
            return highWatermark;
        }

        public void setHighWatermark(DataSize highWatermark) {
            this.highWatermark = highWatermark;
        }

        public DataSize getLowWatermark() {
            return lowWatermark;
        }

        public void setLowWatermark(DataSize lowWatermark) {
            this.lowWatermark = lowWatermark;
        }

        public SlowConsumerPolicy getSlowConsumerPolicy() {
            return slowConsumerPolicy;
        }

        public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
            this.slowConsumerPolicy = slowConsumerPolicy;
        }

        public Duration getSlowConsumerTimeout() {
            return slowConsumerTimeout;
        }

        public void setSlowConsumerTimeout(Duration slowConsumerTimeout) {
            this.slowConsumerTimeout = slowConsumerTimeout;
        }
    }

    /** permessage-deflate (RFC 7692). */
    public static class Compression {

        /** Whether to negotiate permessage-deflate with clients that offer it. */
        private boolean enabled = false;

        /** zlib compression level, 0 (none) to 9 (best), or -1 for zlib's default. */
        private int level = 6;

        /**
         * Whether the server keeps its compression window between messages when the client allows
         * it. Compresses streams of similar messages better, at about 256 KiB of native memory per
         * connection.
         */
        private boolean serverContextTakeover = false;

        /**
         * Whether clients may keep their compression window between messages. Costs about 40 KiB
         * of native memory per connection for the server's inflater.
         */
        private boolean clientContextTakeover = false;

        /** Window size (8 to 15 bits) the server asks clients' compressors to stay within. */
        private int clientMaxWindowBits = 15;

        /**
         * Smallest window (8 to 15 bits) a client may limit the server's compressor to; offers
         * asking for less are declined.
         */
        private int minServerWindowBits = 8;

        /** Messages smaller than this are sent uncompressed. */
        private DataSize threshold = DataSize.ofBytes(0);

        /** Idle compressors and decompressors kept for reuse. */
        private int poolSize = 16;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getLevel() {
            return level;
        }

        public void setLevel(int level) {
            this.level = level;
        }

        public boolean isServerContextTakeover() {
            return serverContextTakeover;
        }

        public void setServerContextTakeover(boolean serverContextTakeover) {
            this.serverContextTakeover = serverContextTakeover;
        }

        public boolean isClientContextTakeover() {
            return clientContextTakeover;
        }

        public void setClientContextTakeover(boolean clientContextTakeover) {
            this.clientContextTakeover = clientContextTakeover;
        }

        public int getClientMaxWindowBits() {
            return clientMaxWindowBits;
        }

        public void setClientMaxWindowBits(int clientMaxWindowBits) {
            this.clientMaxWindowBits = clientMaxWindowBits;
        }

        public int getMinServerWindowBits() {
            return minServerWindowBits;
        }

        public void setMinServerWindowBits(int minServerWindowBits) {
            this.minServerWindowBits = minServerWindowBits;
        }

        public DataSize getThreshold() {
            return threshold;
        }

        public void setThreshold(DataSize threshold) {
            this.threshold = threshold;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }
    }

    /** TLS (wss) from a Spring Boot SSL bundle. */
    public static class Ssl {

        /** Name of the SSL bundle (spring.ssl.bundle.*) to serve wss with. Plain ws when not set. */
        private String bundle;

        /** Whether clients must (need) or may (want) present a certificate. */
        private ClientAuth clientAuth = ClientAuth.NONE;

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public ClientAuth getClientAuth() {
            return clientAuth;
        }

        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }
    }

    /** Client certificate authentication. */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** A client certificate is asked for but not required. */
        WANT,
        /** A client certificate is required. */
        NEED
    }

    /** Graceful shutdown. */
    public static class Shutdown {

        /**
         * On shutdown, time to wait for the peers' close replies after every session was sent 1001
         * Going Away; then the remaining connections are dropped.
         */
        private Duration gracePeriod = Duration.ofSeconds(5);

        public Duration getGracePeriod() {
            return gracePeriod;
        }

        public void setGracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
        }
    }
}
