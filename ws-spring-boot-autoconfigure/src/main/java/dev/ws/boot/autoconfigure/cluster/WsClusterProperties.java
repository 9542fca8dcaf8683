package dev.ws.boot.autoconfigure.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Cluster broadcast, under {@code ws.cluster}: the Redis Streams bus that carries each instance's
 * broadcasts to the others. The Redis connection itself is Spring Boot's ({@code spring.data.redis.*}).
 * Every default equals {@code RedisBroadcastBus.Builder}'s; {@code WsClusterPropertiesTest} pins that.
 */
@ConfigurationProperties("ws.cluster")
public class WsClusterProperties {

    /**
     * Whether to carry broadcasts (to an endpoint, a group or a user) to the other instances over
     * Redis Streams. Needs Spring Data Redis with Lettuce (spring-boot-starter-data-redis).
     */
    private boolean enabled = false;

    /** How long the bus waits for buffered messages to reach Redis when the application stops. */
    private Duration shutdownTimeout = Duration.ofSeconds(2);

    private final Redis redis = new Redis();

    private final Buffer buffer = new Buffer();

    private final Batch batch = new Batch();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Redis getRedis() {
        return redis;
    }

    public Buffer getBuffer() {
        return buffer;
    }

    public Batch getBatch() {
        return batch;
    }

    /** The stream and how it is read. */
    public static class Redis {

        /** Key of the stream; applications that share a Redis need different keys. */
        private String stream = "ws:broadcast";

        /**
         * Entries the stream keeps (each a batch of messages), trimmed approximately on each write:
         * how far an instance that lost Redis can catch up.
         */
        private long maxLength = 10_000;

        /** How long one read waits on the server for new entries (XREAD BLOCK). */
        private Duration pollTimeout = Duration.ofSeconds(2);

        /** Most entries one read returns. */
        private int readCount = 100;

        /** How long a write may take before it is retried. */
        private Duration commandTimeout = Duration.ofSeconds(5);

        /** Pause between attempts (connect, write, read) while Redis is unreachable. */
        private Duration retryInterval = Duration.ofMillis(500);

        public String getStream() {
            return stream;
        }

        public void setStream(String stream) {
            this.stream = stream;
        }

        public long getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(long maxLength) {
            this.maxLength = maxLength;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public int getReadCount() {
            return readCount;
        }

        public void setReadCount(int readCount) {
            this.readCount = readCount;
        }

        public Duration getCommandTimeout() {
            return commandTimeout;
        }

        public void setCommandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
        }

        public Duration getRetryInterval() {
            return retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }

    /** What an instance holds for Redis while it is unreachable; beyond it, publishes fail visibly. */
    public static class Buffer {

        /** Most messages waiting for Redis; further publishes are refused (buffer-full). */
        private int maxMessages = 10_000;

        /** Most bytes of messages waiting for Redis; further publishes are refused (buffer-full). */
        private DataSize maxSize = DataSize.ofMegabytes(16);

        /** How long a message may wait for Redis; older ones are dropped (expired). */
        private Duration maxAge = Duration.ofMinutes(2);

        public int getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
        }

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** How messages are grouped into stream entries while a write is in flight. */
    public static class Batch {

        /** Most messages in one stream entry. */
        private int maxMessages = 256;

        /** Most bytes in one stream entry; a larger message goes alone. */
        private DataSize maxSize = DataSize.ofMegabytes(1);

        public int getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
        }

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
