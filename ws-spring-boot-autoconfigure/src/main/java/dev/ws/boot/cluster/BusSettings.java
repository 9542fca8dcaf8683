package dev.ws.boot.cluster;

import java.time.Duration;

/**
 * The settings of a {@link RedisBroadcastBus}, checked once; see {@link RedisBroadcastBus.Builder}
 * for what each one means and its default.
 */
record BusSettings(String stream, long maxLength, Duration pollTimeout, int readCount, Duration commandTimeout,
        Duration retryInterval, int bufferMaxMessages, long bufferMaxBytes, Duration bufferMaxAge,
        int batchMaxMessages, int batchMaxBytes, Duration shutdownTimeout) {

    BusSettings {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream key must not be blank");
        }
        positive("max-length", maxLength);
        positive("poll-timeout", pollTimeout.toMillis());
        positive("read-count", readCount);
        positive("command-timeout", commandTimeout.toMillis());
        positive("retry-interval", retryInterval.toMillis());
        positive("buffer max-messages", bufferMaxMessages);
        positive("buffer max-bytes", bufferMaxBytes);
        positive("buffer max-age", bufferMaxAge.toMillis());
        positive("batch max-messages", batchMaxMessages);
        positive("batch max-bytes", batchMaxBytes);
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdown-timeout must not be negative, got " + shutdownTimeout);
        }
    }

    /** How long a read may take: the server-side wait plus the command timeout. */
    Duration readTimeout() {
        return pollTimeout.plus(commandTimeout);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
