package dev.ws;

import dev.ws.http.HttpChars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one opening handshake produced, filled by {@link Upgrader#upgrade(java.nio.ByteBuffer,
 * java.nio.ByteBuffer, HandshakeResult)}: the request target, the chosen subprotocol and extensions,
 * captured headers, attributes put by callbacks, or the rejection.
 *
 * <p><b>Reuse:</b> a result is mutable and meant to be reused, e.g. one per event loop. Each
 * {@code upgrade} call starts by {@linkplain #reset() resetting} it and then copies the request head
 * into arrays the result owns and keeps (together with its SHA-1 state), so once they have grown to
 * the largest head seen, an upgrade without subprotocol or extensions allocates nothing. Strings are
 * made only when asked for ({@link #uri()}, {@link #path()}, {@link #header(String)}...), from that
 * copy: read what you need before the next {@code upgrade} with the same result. Objects handed out
 * ({@link #attributes()}, {@link #extensions()}) are never cleared or reused afterwards: a session may
 * keep them.
 *
 * <p>Not thread-safe: one thread at a time (the one calling {@code upgrade}, then the one reading).
 */
public final class HandshakeResult {

    final RequestHead head = new RequestHead();
    final byte[] accept = new byte[AcceptKey.ACCEPT_LENGTH];
    private AcceptKey acceptKey;

    private boolean upgraded;
    private String subprotocol;
    private List<NegotiatedExtension> extensions = List.of();
    /** The rendered {@code Sec-WebSocket-Extensions} value of the response, null when none. */
    String extensionsResponse;
    HandshakeHeaders extraHeaders = HandshakeHeaders.EMPTY;
    private Map<String, Object> attributes;
    private HandshakeRejectedException rejection;

    public HandshakeResult() {
    }

    /**
     * Forgets the last handshake: no target, subprotocol, extensions, attributes or rejection. The
     * arrays are kept for the next one; maps and lists handed out are dropped, not cleared.
     */
    public void reset() {
        head.clear();
        upgraded = false;
        subprotocol = null;
        extensions = List.of();
        extensionsResponse = null;
        extraHeaders = HandshakeHeaders.EMPTY;
        attributes = null;
        rejection = null;
    }

    /** Whether the last {@code upgrade} returned {@link Upgrader#UPGRADED}. */
    public boolean isUpgraded() {
        return upgraded;
    }

    /** The request method, or null when the request head was not (completely) parsed. */
    public String method() {
        return head.isComplete() ? head.methodString() : null;
    }

    /** The request target as sent ({@code /chat?room=1}), or null when the head was not parsed. */
    public String uri() {
        return head.isComplete() ? head.uriString() : null;
    }

    /** The path of the target, percent-encoded, without the query ({@code /} when empty), or null. */
    public String path() {
        return head.isComplete() ? head.pathString() : null;
    }

    /** What follows the first {@code ?} of the target; null when there is none or the head was not parsed. */
    public String query() {
        return head.isComplete() ? head.queryString() : null;
    }

    /** The selected subprotocol, or null when none was selected. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The extensions accepted, in the order of the response header; empty when none. Immutable. */
    public List<NegotiatedExtension> extensions() {
        return extensions;
    }

    /**
     * The value of the first captured header named {@code name} (ignoring case), or null. Only the
     * headers the upgrader was told to capture ({@code captureHeaders}, {@code captureAllHeaders})
     * are kept; callbacks see all of them while they run.
     */
    public String header(String name) {
        RequestHead h = head;
        if (!h.isComplete()) {
            return null;
        }
        for (int i = 0; i < h.headerCount(); i++) {
            if (h.isCaptured(i) && HttpChars.equalsIgnoreCase(h.bytes(), h.nameStart(i), h.nameEnd(i), name)) {
                return h.string(h.valueStart(i), h.valueEnd(i));
            }
        }
        return null;
    }

    /**
     * Every captured header, by name ignoring case (the key is the first spelling seen), values in
     * the order received. A new, unmodifiable map on each call.
     */
    public Map<String, List<String>> headers() {
        RequestHead h = head;
        if (!h.isComplete()) {
            return Map.of();
        }
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < h.headerCount(); i++) {
            if (h.isCaptured(i)) {
                map.computeIfAbsent(h.string(h.nameStart(i), h.nameEnd(i)), k -> new ArrayList<>(1))
                        .add(h.string(h.valueStart(i), h.valueEnd(i)));
            }
        }
        if (map.isEmpty()) {
            return Map.of(); // nothing captured: share the empty map
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Attributes for the session, filled by callbacks; created on first call (mutable, not
     * thread-safe). After the handshake the map belongs to whoever takes it: the next handshake on
     * this result starts a new one.
     */
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    /** Whether a callback put any attribute (does not create the map). */
    public boolean hasAttributes() {
        return attributes != null && !attributes.isEmpty();
    }

    /** The attribute {@code name}, or null (does not create the map). */
    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    /**
     * Why the last {@code upgrade} returned {@link Upgrader#REJECTED}: status, reason, headers and,
     * for a failing callback, the cause. Null otherwise. It may be a shared prebuilt instance: do not
     * throw it from code that adds suppressed exceptions; it is meant for reading and logging.
     */
    public HandshakeRejectedException rejection() {
        return rejection;
    }

    // ---- filled by the upgrader ----

    AcceptKey acceptKey() {
        if (acceptKey == null) {
            acceptKey = new AcceptKey();
        }
        return acceptKey;
    }

    void subprotocol(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    void extensions(List<NegotiatedExtension> extensions) {
        this.extensions = extensions;
    }

    void upgraded() {
        this.upgraded = true;
    }

    void rejected(HandshakeRejectedException rejection) {
        this.rejection = rejection;
    }

    @Override
    public String toString() {
        if (upgraded) {
            return "HandshakeResult[upgraded " + uri() + (subprotocol != null ? ", subprotocol " + subprotocol : "")
                    + (extensions.isEmpty() ? "" : ", extensions " + extensionsResponse) + "]";
        }
        if (rejection != null) {
            return "HandshakeResult[rejected " + rejection.status() + " " + rejection.reason() + "]";
        }
        return "HandshakeResult[" + head + "]";
    }
}
