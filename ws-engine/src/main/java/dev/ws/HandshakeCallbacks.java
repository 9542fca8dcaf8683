package dev.ws;

import dev.ws.http.RequestView;

/**
 * The hooks an {@link Upgrader} calls during one opening handshake, each set once on its
 * {@linkplain Upgrader.Builder builder}. Per handshake they are called in this order, on the thread
 * that called {@code upgrade}, and only once the whole request head has arrived and passed the
 * syntax checks:
 * <pre>
 *   handshake := onRequest? header* [protocol checks] onHead? select? negotiate* beforeUpgrade?
 *   header    := onHost | onHeader        (one call per header line, in the order received)
 * </pre>
 * {@code onRequest} and the header hooks run before the WebSocket rules are checked (they may see a
 * request that is then refused); {@code onHead} and everything after it see only valid upgrades.
 * {@code select} runs when the client offered subprotocols, {@code negotiate} (the
 * {@link ExtensionNegotiator}s, in the order added) when it offered extensions.
 *
 * <p>Every hook gets the {@link HandshakeResult} of this handshake, where it may put
 * {@linkplain HandshakeResult#attributes() attributes}; the upgrader is shared, so per-connection
 * state belongs there, never in the hook. A hook refuses the handshake by throwing
 * {@link HandshakeRejectedException} (its status, reason and headers are sent and no later hook
 * runs); any other exception refuses it with 500 and becomes the rejection's cause.
 *
 * <p><b>Views:</b> the {@link CharSequence}s and the {@link RequestView} a hook receives read the
 * request bytes in place and are valid only until the hook returns; copy ({@code toString()}) what
 * you keep.
 */
public final class HandshakeCallbacks {

    private HandshakeCallbacks() {
    }

    /** Sees the request target once the request line is known to be {@code GET ... HTTP/1.1}. */
    @FunctionalInterface
    public interface OnRequest {
        void onRequest(CharSequence uri, HandshakeResult result) throws HandshakeRejectedException;
    }

    /** Sees the value of each {@code Host} header. */
    @FunctionalInterface
    public interface OnHost {
        void onHost(CharSequence host, HandshakeResult result) throws HandshakeRejectedException;
    }

    /**
     * Sees each header line the upgrader does not handle itself: all but {@code Host},
     * {@code Upgrade}, {@code Connection} and {@code Sec-WebSocket-Key/-Version/-Protocol/-Extensions}.
     * The name is as sent (compare ignoring case).
     */
    @FunctionalInterface
    public interface OnHeader {
        void onHeader(CharSequence name, CharSequence value, HandshakeResult result) throws HandshakeRejectedException;
    }

    /**
     * Sees the whole valid request at once: method, target, path, query and every header. The place
     * for routing (404 for an unknown path), origin allow-lists (403) and authentication, and for
     * attributes the session will need.
     */
    @FunctionalInterface
    public interface OnHead {
        void onHead(RequestView head, HandshakeResult result) throws HandshakeRejectedException;
    }

    /** The last hook before the 101 is written; the subprotocol and extensions are chosen by then. */
    @FunctionalInterface
    public interface BeforeUpgrade {
        /** @return extra headers for the 101 response, or null for none */
        HandshakeHeaders beforeUpgrade(RequestView head, HandshakeResult result) throws HandshakeRejectedException;
    }
}
