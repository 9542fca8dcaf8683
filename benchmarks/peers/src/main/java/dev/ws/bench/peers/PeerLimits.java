package dev.ws.bench.peers;

import java.time.Duration;

/** The limits every peer server is configured with, so that no peer is handicapped by a default. */
public final class PeerLimits {

    /** Largest message and frame payload accepted, in bytes: 16 MiB, far above the 64 KiB the benchmark sends. */
    public static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** Idle timeout of upgraded connections: long enough that the idle-memory scenario never trips it. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    /**
     * Listen backlog: the load generator opens up to a few hundred connections at once; the kernel caps this at
     * {@code net.core.somaxconn} (4096 here), which is also what Netty uses by default.
     */
    public static final int ACCEPT_BACKLOG = 4096;

    /** Prefix of a text message on {@code /broadcast} that is sent to every session of that endpoint. */
    public static final String BROADCAST_PREFIX = "broadcast:";

    private PeerLimits() {
    }
}
