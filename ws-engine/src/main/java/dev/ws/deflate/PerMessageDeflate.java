package dev.ws.deflate;

import dev.ws.ExtensionNegotiator;
import dev.ws.Side;
import dev.ws.deflate.internal.BoundedPool;
import dev.ws.http.HeaderOption;
import java.util.List;

/**
 * permessage-deflate (RFC 7692) for one server or client: the configuration, the negotiation of
 * both sides, and the pools of compressors and decompressors its connections share. Immutable
 * apart from the pools; thread-safe; one instance serves every connection.
 *
 * <p>Directions are named from this endpoint: <b>outbound</b> is what we compress (the server's
 * messages on a server), <b>inbound</b> what the peer compressed and we inflate.
 *
 * <p>Memory policy. A zlib Deflater holds about 256 KiB of native memory and an Inflater about
 * 40 KiB. Without context takeover a connection holds neither between messages: it borrows them
 * from bounded pools per message, so idle connections cost nothing and idle native memory is at most
 * {@code poolSize} of each. With context takeover a connection keeps its own for its whole life. The
 * defaults take no context in either direction: the server always answers {@code
 * server_no_context_takeover} and {@code client_no_context_takeover} (RFC 7692 §7.1.1.1 and
 * §7.1.1.2 allow it unasked), a client offers both.
 *
 * <p>Windows. Every window size 8..15 a peer asks for is honoured: 15 bits through the JDK's zlib,
 * smaller windows through a pure-Java deflater whose matches never reach further back (see
 * {@link Compressor#windowed}); {@code minOutboundWindowBits} declines smaller requests instead.
 * Inbound, one 15-bit inflater decodes any window.
 */
public final class PerMessageDeflate implements ExtensionNegotiator, AutoCloseable {

    /** zlib's default level: a good ratio at a moderate cost. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    /** Idle compressors (per window size) and decompressors kept for reuse. */
    public static final int DEFAULT_POOL_SIZE = 16;
    /** Messages of at least this many bytes are compressed (0: all). */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 0;

    private final boolean enabled;
    private final int compressionLevel;
    private final boolean outboundContextTakeover;
    private final boolean inboundContextTakeover;
    private final int minOutboundWindowBits;
    private final int inboundMaxWindowBits;
    private final int compressionThreshold;
    private final int poolSize;
    private final DeflateParameters clientOffer;
    private final BoundedPool<CompressorSlot>[] compressorPools;
    private final BoundedPool<DecompressorSlot> decompressorPool;

    @SuppressWarnings("unchecked")
    private PerMessageDeflate(Builder b) {
        this.enabled = b.enabled;
        this.compressionLevel = b.compressionLevel;
        this.outboundContextTakeover = b.outboundContextTakeover;
        this.inboundContextTakeover = b.inboundContextTakeover;
        this.minOutboundWindowBits = b.minOutboundWindowBits;
        this.inboundMaxWindowBits = b.inboundMaxWindowBits;
        this.compressionThreshold = b.compressionThreshold;
        this.poolSize = b.poolSize;
        this.clientOffer = new DeflateParameters(!inboundContextTakeover, !outboundContextTakeover,
                inboundMaxWindowBits < DeflateParameters.MAX_WINDOW_BITS ? inboundMaxWindowBits : DeflateParameters.ABSENT,
                // "client_max_window_bits" lets the server pick any 8..15: offer it only if we take any.
                minOutboundWindowBits == DeflateParameters.MIN_WINDOW_BITS ? DeflateParameters.NO_VALUE
                        : DeflateParameters.ABSENT);
        this.compressorPools = new BoundedPool[DeflateParameters.MAX_WINDOW_BITS + 1];
        Compressor.Factory compressors = b.compressorFactory;
        for (int bits = DeflateParameters.MIN_WINDOW_BITS; bits <= DeflateParameters.MAX_WINDOW_BITS; bits++) {
            int windowBits = bits;
            compressorPools[bits] = new BoundedPool<>(poolSize,
                    () -> new CompressorSlot(compressors.create(compressionLevel, windowBits)),
                    slot -> slot.compressor.end());
        }
        Decompressor.Factory decompressors = b.decompressorFactory;
        this.decompressorPool = new BoundedPool<>(poolSize,
                () -> new DecompressorSlot(decompressors.create()), slot -> slot.decompressor.end());
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** An instance with every default. */
    public static PerMessageDeflate withDefaults() {
        return builder().build();
    }

    // ---- server ----------------------------------------------------------------------------------

    /**
     * Server side (RFC 7692 §5): takes the first acceptable permessage-deflate offer, in the order
     * the client sent them; offers of other extensions are skipped; malformed offers (unknown,
     * duplicate or out-of-range parameters) and unacceptable ones are declined, never failed.
     *
     * @return the accepted extension, or null when every offer was declined (or this is disabled)
     */
    @Override
    public NegotiatedDeflate negotiate(List<HeaderOption> offers) {
        if (!enabled) {
            return null;
        }
        for (HeaderOption option : offers) {
            if (!DeflateParameters.isDeflate(option)) {
                continue;
            }
            DeflateParameters offer;
            try {
                offer = DeflateParameters.parseOffer(option);
            } catch (DeflateNegotiationException malformed) {
                continue;
            }
            DeflateParameters answer = answer(offer);
            if (answer != null) {
                return new NegotiatedDeflate(this, Side.SERVER, answer);
            }
        }
        return null;
    }

    /**
     * The server's answer to one well-formed offer, or null to decline it. The answer honours the
     * offer: {@code server_no_context_takeover} when asked (or when we never take context over),
     * {@code server_max_window_bits} echoed when asked, {@code client_no_context_takeover} when
     * offered or when the peer's context is not allowed, {@code client_max_window_bits=N} only when
     * offered and {@code inboundMaxWindowBits} is smaller than the offered value.
     */
    public DeflateParameters answer(DeflateParameters offer) {
        int serverBits = offer.serverMaxWindowBits();
        if (serverBits != DeflateParameters.ABSENT && serverBits < minOutboundWindowBits) {
            return null;
        }
        int clientBits = DeflateParameters.ABSENT;
        if (offer.clientMaxWindowBits() != DeflateParameters.ABSENT
                && inboundMaxWindowBits < offer.effectiveClientWindowBits()) {
            clientBits = inboundMaxWindowBits;
        }
        return new DeflateParameters(offer.serverNoContextTakeover() || !outboundContextTakeover,
                offer.clientNoContextTakeover() || !inboundContextTakeover, serverBits, clientBits);
    }

    // ---- client ----------------------------------------------------------------------------------

    /** The offers a client sends in {@code Sec-WebSocket-Extensions} (empty when disabled). */
    public List<HeaderOption> offers() {
        return enabled ? List.of(clientOffer.toOption()) : List.of();
    }

    /** The parameters of {@link #offers()}. */
    public DeflateParameters clientOffer() {
        return clientOffer;
    }

    /**
     * Client side: checks the server's answer against our offer (RFC 7692 §5, §7.1). Options of
     * other extensions are ignored here (whether they were offered is the dialer's check).
     *
     * @param responseOptions every option of the response's {@code Sec-WebSocket-Extensions}
     * @return the agreed extension, or null when the server did not accept permessage-deflate
     * @throws DeflateNegotiationException when the answer is malformed, answers an offer we did not
     *                                     make, or grants a window larger than offered; the client
     *                                     must fail the connection
     */
    public NegotiatedDeflate acceptResponse(List<HeaderOption> responseOptions) throws DeflateNegotiationException {
        HeaderOption found = null;
        for (HeaderOption option : responseOptions) {
            if (DeflateParameters.isDeflate(option)) {
                if (found != null) {
                    throw new DeflateNegotiationException("permessage-deflate appears twice in the response");
                }
                found = option;
            }
        }
        if (found == null) {
            return null;
        }
        if (!enabled) {
            throw new DeflateNegotiationException("permessage-deflate in the response but not offered");
        }
        DeflateParameters r = DeflateParameters.parseResponse(found);
        DeflateParameters o = clientOffer;
        if (r.clientMaxWindowBits() != DeflateParameters.ABSENT) {
            if (o.clientMaxWindowBits() == DeflateParameters.ABSENT) {
                throw new DeflateNegotiationException("client_max_window_bits=" + r.clientMaxWindowBits()
                        + " in the response, but the offer did not include it (RFC 7692 §7.1.2.2)");
            }
            if (r.clientMaxWindowBits() > o.effectiveClientWindowBits()) {
                throw new DeflateNegotiationException("client_max_window_bits=" + r.clientMaxWindowBits()
                        + " in the response exceeds the offered " + o.clientMaxWindowBits());
            }
            if (r.clientMaxWindowBits() < minOutboundWindowBits) {
                throw new DeflateNegotiationException("client_max_window_bits=" + r.clientMaxWindowBits()
                        + " is below the smallest window this client accepts (" + minOutboundWindowBits + ")");
            }
        }
        if (o.serverNoContextTakeover() && !r.serverNoContextTakeover()) {
            throw new DeflateNegotiationException(
                    "the offer asked for server_no_context_takeover, the response lacks it (RFC 7692 §7.1.1.1)");
        }
        if (o.serverMaxWindowBits() != DeflateParameters.ABSENT) {
            if (r.serverMaxWindowBits() == DeflateParameters.ABSENT) {
                throw new DeflateNegotiationException("the offer asked for server_max_window_bits="
                        + o.serverMaxWindowBits() + ", the response lacks it (RFC 7692 §7.1.2.1)");
            }
            if (r.serverMaxWindowBits() > o.serverMaxWindowBits()) {
                throw new DeflateNegotiationException("server_max_window_bits=" + r.serverMaxWindowBits()
                        + " in the response exceeds the offered " + o.serverMaxWindowBits() + " (RFC 7692 §7.1.2.1)");
            }
        }
        // Unasked server_no_context_takeover, client_no_context_takeover and server_max_window_bits
        // are allowed (RFC 7692 §7.1.1.1, §7.1.1.2, §7.1.2.1): we inflate any window and reset on demand.
        return new NegotiatedDeflate(this, Side.CLIENT, r);
    }

    // ---- pools -----------------------------------------------------------------------------------

    BoundedPool<CompressorSlot> compressorPool(int windowBits) {
        return compressorPools[windowBits];
    }

    BoundedPool<DecompressorSlot> decompressorPool() {
        return decompressorPool;
    }

    /** Counts of a pool's objects; {@code created - ended} are alive (idle or in use). */
    public record PoolStats(long created, long ended, int idle) {

        /** Objects alive now, idle or in use. */
        public long alive() {
            return created - ended;
        }
    }

    /** Compressors of every window size: created, ended and idle so far. */
    public PoolStats compressorStats() {
        long created = 0;
        long ended = 0;
        int idle = 0;
        for (int bits = DeflateParameters.MIN_WINDOW_BITS; bits <= DeflateParameters.MAX_WINDOW_BITS; bits++) {
            created += compressorPools[bits].created();
            ended += compressorPools[bits].ended();
            idle += compressorPools[bits].idle();
        }
        return new PoolStats(created, ended, idle);
    }

    /** Decompressors: created, ended and idle so far. */
    public PoolStats decompressorStats() {
        return new PoolStats(decompressorPool.created(), decompressorPool.ended(), decompressorPool.idle());
    }

    /**
     * Ends every idle compressor and decompressor (their native memory is freed). Connections still
     * open keep working and return theirs later; call it at shutdown, after the sessions closed, or to
     * trim the pools after a peak.
     */
    @Override
    public void close() {
        for (int bits = DeflateParameters.MIN_WINDOW_BITS; bits <= DeflateParameters.MAX_WINDOW_BITS; bits++) {
            compressorPools[bits].clear();
        }
        decompressorPool.clear();
    }

    // ---- configuration ---------------------------------------------------------------------------

    public boolean enabled() {
        return enabled;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    public boolean outboundContextTakeover() {
        return outboundContextTakeover;
    }

    public boolean inboundContextTakeover() {
        return inboundContextTakeover;
    }

    public int minOutboundWindowBits() {
        return minOutboundWindowBits;
    }

    public int inboundMaxWindowBits() {
        return inboundMaxWindowBits;
    }

    public int compressionThreshold() {
        return compressionThreshold;
    }

    public int poolSize() {
        return poolSize;
    }

    @Override
    public String toString() {
        return "PerMessageDeflate[" + (enabled ? "" : "disabled, ") + "level=" + compressionLevel
                + ", outboundContextTakeover=" + outboundContextTakeover
                + ", inboundContextTakeover=" + inboundContextTakeover
                + ", minOutboundWindowBits=" + minOutboundWindowBits + ", inboundMaxWindowBits=" + inboundMaxWindowBits
                + ", threshold=" + compressionThreshold + ", pool=" + poolSize
                + ", compressors=" + compressorStats() + ", decompressors=" + decompressorStats() + "]";
    }

    /** Options; each setter documents its default. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {

        private boolean enabled = true;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private boolean outboundContextTakeover;
        private boolean inboundContextTakeover;
        private int minOutboundWindowBits = DeflateParameters.MIN_WINDOW_BITS;
        private int inboundMaxWindowBits = DeflateParameters.MAX_WINDOW_BITS;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Compressor.Factory compressorFactory = Compressor.defaultFactory();
        private Decompressor.Factory decompressorFactory = Decompressor::jdk;

        private Builder() {
        }

        /** Whether to negotiate at all (default true): when false nothing is offered or accepted. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The zlib level, -1 (zlib's default, 6) or 0..9 (default 6). */
        public Builder compressionLevel(int level) {
            if (level < -1 || level > 9) {
                throw new IllegalArgumentException("compression level " + level + " not in -1..9");
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Whether our compressor keeps its LZ77 window from one message to the next when the peer
         * allows it (default false). True compresses streams of similar messages better but keeps a
         * Deflater (about 256 KiB native) per connection; false borrows one per message.
         */
        public Builder outboundContextTakeover(boolean allowed) {
            this.outboundContextTakeover = allowed;
            return this;
        }

        /**
         * Whether the peer may keep its LZ77 window between messages (default false). True keeps an
         * Inflater (about 40 KiB native) per connection; false makes a server answer
         * {@code client_no_context_takeover} and a client offer {@code server_no_context_takeover}.
         */
        public Builder inboundContextTakeover(boolean allowed) {
            this.inboundContextTakeover = allowed;
            return this;
        }

        /**
         * The smallest window (8..15, default 8) our compressor accepts to be limited to; a
         * server declines offers asking for less, a client does not offer a window limit unless 8.
         */
        public Builder minOutboundWindowBits(int bits) {
            this.minOutboundWindowBits = checkBits(bits);
            return this;
        }

        /**
         * The window (8..15, default 15 = none) we ask the peer's compressor to stay within when it
         * lets us ({@code client_max_window_bits} on a server, {@code server_max_window_bits} offered
         * by a client). This saves the peer's memory, not ours: the JDK Inflater always allocates a
         * 32 KiB window.
         */
        public Builder inboundMaxWindowBits(int bits) {
            this.inboundMaxWindowBits = checkBits(bits);
            return this;
        }

        /** Messages shorter than this many bytes are sent uncompressed (default 0: compress all). */
        public Builder compressionThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compression threshold " + bytes + " < 0");
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /** Idle compressors (per window size) and decompressors kept for reuse (default 16; 0 = none). */
        public Builder poolSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("pool size " + size + " < 0");
            }
            this.poolSize = size;
            return this;
        }

        /** Where compressors come from (default {@link Compressor#defaultFactory()}). */
        public Builder compressorFactory(Compressor.Factory factory) {
            this.compressorFactory = java.util.Objects.requireNonNull(factory);
            return this;
        }

        /** Where decompressors come from (default {@link Decompressor#jdk()}). */
        public Builder decompressorFactory(Decompressor.Factory factory) {
            this.decompressorFactory = java.util.Objects.requireNonNull(factory);
            return this;
        }

        public PerMessageDeflate build() {
            return new PerMessageDeflate(this);
        }

        private static int checkBits(int bits) {
            if (!DeflateParameters.isWindowBits(bits)) {
                throw new IllegalArgumentException("window bits " + bits + " not in 8..15");
            }
            return bits;
        }
    }
}
