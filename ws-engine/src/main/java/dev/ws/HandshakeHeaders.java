package dev.ws;

import dev.ws.http.HttpChars;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extra response header lines for a handshake, checked and rendered to bytes once, when created:
 * the upgrader's fixed headers, a rejection's headers, the before-upgrade hook's headers. Immutable
 * and thread-safe.
 *
 * <p>Names must be tokens and values header-safe (no CR, LF or other CTL except HTAB, characters up
 * to 0xFF, no surrounding whitespace), so that nothing can split the response. Headers the
 * handshake writes itself are refused: {@code Connection}, {@code Upgrade}, {@code Content-Length},
 * {@code Content-Type}, {@code Transfer-Encoding}, {@code Sec-WebSocket-Accept},
 * {@code Sec-WebSocket-Protocol}, {@code Sec-WebSocket-Extensions}.
 */
public final class HandshakeHeaders {

    /** No headers. */
    public static final HandshakeHeaders EMPTY = new HandshakeHeaders(new String[0]);

    private static final Set<String> RESERVED = Set.of("connection", "upgrade", "content-length", "content-type",
            "transfer-encoding", "sec-websocket-accept", "sec-websocket-protocol", "sec-websocket-extensions");

    private final String[] namesAndValues;
    private final byte[] rendered;

    private HandshakeHeaders(String[] namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String value = namesAndValues[i + 1];
            check(name, value);
            sb.append(name).append(": ").append(value).append("\r\n");
        }
        this.namesAndValues = namesAndValues;
        this.rendered = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Headers from alternating names and values: {@code of("Server", "ws", "X-Id", "7")}.
     *
     * @throws IllegalArgumentException on an odd count, a bad name or value, or a reserved name
     */
    public static HandshakeHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate; got an odd count "
                    + namesAndValues.length);
        }
        return namesAndValues.length == 0 ? EMPTY : new HandshakeHeaders(namesAndValues.clone());
    }

    /** Headers from a map: one line per value, in the map's order. */
    public static HandshakeHeaders of(Map<String, ? extends Collection<String>> headers) {
        List<String> list = new ArrayList<>();
        headers.forEach((name, values) -> {
            for (String v : values) {
                list.add(name);
                list.add(v);
            }
        });
        return of(list.toArray(String[]::new));
    }

    /** These headers followed by {@code name: value}. */
    public HandshakeHeaders with(String name, String value) {
        String[] more = Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
        more[namesAndValues.length] = name;
        more[namesAndValues.length + 1] = value;
        return new HandshakeHeaders(more);
    }

    /** These headers followed by {@code other}'s. */
    public HandshakeHeaders and(HandshakeHeaders other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        String[] more = Arrays.copyOf(namesAndValues, namesAndValues.length + other.namesAndValues.length);
        System.arraycopy(other.namesAndValues, 0, more, namesAndValues.length, other.namesAndValues.length);
        return new HandshakeHeaders(more);
    }

    /** The number of header lines. */
    public int size() {
        return namesAndValues.length / 2;
    }

    public boolean isEmpty() {
        return namesAndValues.length == 0;
    }

    public String name(int index) {
        return namesAndValues[2 * index];
    }

    public String value(int index) {
        return namesAndValues[2 * index + 1];
    }

    /** The size of the rendered lines, {@code Name: value\r\n} each, in bytes. */
    public int byteLength() {
        return rendered.length;
    }

    /** Puts the rendered lines into {@code out}; the caller made room for {@link #byteLength()}. */
    void writeTo(ByteBuffer out) {
        out.put(rendered);
    }

    void writeTo(StringBuilder sb) {
        sb.append(new String(rendered, StandardCharsets.ISO_8859_1));
    }

    private static void check(String name, String value) {
        if (name == null || !HttpChars.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the handshake writes " + name + " itself");
        }
        if (value == null || !HttpChars.isFieldValue(value)) {
            throw new IllegalArgumentException("header " + name + " has a value a header cannot carry");
        }
        if (!value.isEmpty() && (HttpChars.isWhitespace(value.charAt(0))
                || HttpChars.isWhitespace(value.charAt(value.length() - 1)))) {
            throw new IllegalArgumentException("header " + name + " value has surrounding whitespace");
        }
    }

    @Override
    public String toString() {
        return new String(rendered, StandardCharsets.ISO_8859_1).replace("\r\n", "; ");
    }
}
