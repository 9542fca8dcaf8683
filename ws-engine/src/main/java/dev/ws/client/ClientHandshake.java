package dev.ws.client;

import static dev.ws.client.HandshakeFailedException.Reason.BAD_ACCEPT;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_CONNECTION;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_STATUS;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_UPGRADE;
import static dev.ws.client.HandshakeFailedException.Reason.EXTENSION_REFUSED;
import static dev.ws.client.HandshakeFailedException.Reason.MALFORMED_RESPONSE;
import static dev.ws.client.HandshakeFailedException.Reason.UNOFFERED_EXTENSION;
import static dev.ws.client.HandshakeFailedException.Reason.UNOFFERED_SUBPROTOCOL;

import dev.ws.AcceptKey;
import dev.ws.http.HeaderOption;
import dev.ws.http.HeaderOptions;
import dev.ws.http.HeaderValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The client side of the opening handshake (RFC 6455 §4.1), without I/O: the request bytes, and
 * the checks of the server's response head. One instance per connection attempt (it holds the
 * nonce); the {@link Dialer} does the reading and writing.
 *
 * <p>Checks, in this order, each failing with its own {@link HandshakeFailedException.Reason}:
 * HTTP/1.1 or later; status 101; {@code Upgrade} has the token {@code websocket} and
 * {@code Connection} the token {@code upgrade} (ASCII case-insensitive); exactly one
 * {@code Sec-WebSocket-Accept} equal to base64(SHA-1(key + GUID)); every extension in the response
 * was offered and its extension accepts the parameters; at most one subprotocol, and one that was
 * offered (compared exactly).
 */
final class ClientHandshake {

    /** Nonces: 16 random bytes per handshake (RFC 6455 §4.1 item 7); SecureRandom is thread-safe. */
    private static final SecureRandom NONCES = new SecureRandom();
    private static final int NONCE_BYTES = 16;

    private final Endpoint endpoint;
    private final Dialer dialer;
    private final String key;
    private final String expectedAccept;

    ClientHandshake(Endpoint endpoint, Dialer dialer) {
        this(endpoint, dialer, newKey());
    }

    ClientHandshake(Endpoint endpoint, Dialer dialer, String key) {
        this.endpoint = endpoint;
        this.dialer = dialer;
        this.key = key;
        this.expectedAccept = AcceptKey.of(key);
    }

    /** A fresh {@code Sec-WebSocket-Key}: the base64 of 16 bytes from a {@link SecureRandom}. */
    static String newKey() {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    String key() {
        return key;
    }

    /** The request head, blank line included (RFC 6455 §4.1 items 1–12). */
    byte[] request() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(endpoint.requestTarget()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(endpoint.hostHeader()).append("\r\n");
        sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        sb.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
        sb.append("Sec-WebSocket-Version: 13\r\n");
        if (dialer.origin() != null) {
            sb.append("Origin: ").append(dialer.origin()).append("\r\n");
        }
        if (!dialer.subprotocols().isEmpty()) {
            sb.append("Sec-WebSocket-Protocol: ").append(String.join(", ", dialer.subprotocols())).append("\r\n");
        }
        List<HeaderOption> offers = new ArrayList<>();
        for (ClientExtension e : dialer.extensions()) {
            offers.addAll(e.offers());
        }
        if (!offers.isEmpty()) {
            sb.append("Sec-WebSocket-Extensions: ").append(HeaderOptions.format(offers)).append("\r\n");
        }
        List<String> headers = dialer.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            sb.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Checks the response head.
     *
     * @return what was agreed
     * @throws HandshakeFailedException naming the first rule the response breaks
     */
    Negotiated check(ResponseHead head) throws HandshakeFailedException {
        Map<String, List<String>> h = head.headers();
        if (head.major() < 1 || head.major() == 1 && head.minor() < 1) {
            throw fail(MALFORMED_RESPONSE, head, "HTTP/" + head.major() + "." + head.minor()
                    + " response; a WebSocket handshake needs HTTP/1.1 or later");
        }
        if (head.status() != 101) {
            throw fail(BAD_STATUS, head, "expected 101 Switching Protocols, got " + head.status()
                    + (head.phrase().isEmpty() ? "" : " " + ResponseHead.cut(head.phrase())));
        }
        if (head.values("upgrade").stream().noneMatch(v -> HeaderValues.containsToken(v, "websocket"))) {
            throw fail(BAD_UPGRADE, head, "the 101 response " + describe(head, "upgrade")
                    + "; RFC 6455 §4.1 requires Upgrade: websocket");
        }
        if (head.values("connection").stream().noneMatch(v -> HeaderValues.containsToken(v, "upgrade"))) {
            throw fail(BAD_CONNECTION, head, "the 101 response " + describe(head, "connection")
                    + "; RFC 6455 §4.1 requires Connection: Upgrade");
        }
        List<String> accept = head.values("sec-websocket-accept");
        if (accept.size() != 1 || !accept.get(0).equals(expectedAccept)) {
            throw fail(BAD_ACCEPT, head, accept.isEmpty() ? "the 101 response has no Sec-WebSocket-Accept"
                    : accept.size() > 1 ? "the 101 response has " + accept.size() + " Sec-WebSocket-Accept headers"
                    : "Sec-WebSocket-Accept is '" + ResponseHead.cut(accept.get(0)) + "' but the key '" + key
                    + "' needs '" + expectedAccept + "'");
        }
        List<ClientExtension.Agreement> agreed = checkExtensions(head);
        String subprotocol = checkSubprotocol(head);
        return new Negotiated(subprotocol, agreed, h);
    }

    private List<ClientExtension.Agreement> checkExtensions(ResponseHead head) throws HandshakeFailedException {
        List<String> values = head.values("sec-websocket-extensions");
        if (values.isEmpty()) {
            return List.of();
        }
        List<HeaderOption> response = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String value : values) {
            HeaderOptions.parse(value, new HeaderOptions.Sink() {
                @Override
                public void option(HeaderOption option) {
                    response.add(option);
                }

                @Override
                public void malformed(CharSequence v, int start, int end, String problem) {
                    malformed.add("'" + ResponseHead.cut(v.subSequence(start, end).toString()) + "' (" + problem + ")");
                }
            });
        }
        if (!malformed.isEmpty()) {
            throw fail(EXTENSION_REFUSED, head, "malformed Sec-WebSocket-Extensions element " + malformed.get(0));
        }
        if (response.isEmpty()) {
            return List.of();
        }
        List<ClientExtension> extensions = dialer.extensions();
        for (HeaderOption option : response) {
            if (offererOf(option.name(), extensions) == null) {
                throw fail(UNOFFERED_EXTENSION, head, "the server accepted extension '" + option.name()
                        + "', which was not offered (RFC 6455 §4.1)");
            }
        }
        List<ClientExtension.Agreement> agreed = new ArrayList<>();
        List<ClientExtension> accepting = new ArrayList<>();
        int rsv = 0;
        for (ClientExtension e : extensions) {
            ClientExtension.Agreement a;
            try {
                a = e.accept(List.copyOf(response));
            } catch (IOException ex) {
                throw new HandshakeFailedException(EXTENSION_REFUSED, head.status(), head.headers(),
                        ex.getMessage(), ex);
            }
            if (a == null) {
                continue;
            }
            if ((a.rsvBits() & rsv) != 0) {
                throw fail(EXTENSION_REFUSED, head, "extension '" + a.responseOption().name()
                        + "' uses RSV bits another accepted extension already uses");
            }
            rsv |= a.rsvBits();
            agreed.add(a);
            accepting.add(e);
        }
        for (HeaderOption option : response) {
            if (!accepting.contains(offererOf(option.name(), extensions))) {
                throw fail(EXTENSION_REFUSED, head, "the server answered '" + option.name()
                        + "', but the extension that offered it did not accept the answer");
            }
        }
        return List.copyOf(agreed);
    }

    private static ClientExtension offererOf(String name, List<ClientExtension> extensions) {
        for (ClientExtension e : extensions) {
            for (HeaderOption offer : e.offers()) {
                if (offer.name().equalsIgnoreCase(name)) {
                    return e;
                }
            }
        }
        return null;
    }

    private String checkSubprotocol(ResponseHead head) throws HandshakeFailedException {
        List<String> values = head.values("sec-websocket-protocol");
        if (values.isEmpty() || values.size() == 1 && values.get(0).isEmpty()) {
            return null;
        }
        if (values.size() > 1 || values.get(0).indexOf(',') >= 0) {
            throw fail(UNOFFERED_SUBPROTOCOL, head, "the server selected several subprotocols: "
                    + ResponseHead.cut(String.join(", ", values)));
        }
        String selected = values.get(0);
        if (!dialer.subprotocols().contains(selected)) {
            throw fail(UNOFFERED_SUBPROTOCOL, head, "the server selected subprotocol '" + ResponseHead.cut(selected)
                    + "', which was not offered" + (dialer.subprotocols().isEmpty() ? " (none was)"
                    : " (offered: " + String.join(", ", dialer.subprotocols()) + ")"));
        }
        return selected;
    }

    private static String describe(ResponseHead head, String name) {
        List<String> v = head.values(name);
        return v.isEmpty() ? "has no " + name + " header"
                : "has " + name + ": " + ResponseHead.cut(String.join(", ", v));
    }

    private static HandshakeFailedException fail(HandshakeFailedException.Reason reason, ResponseHead head,
                                                 String message) {
        return new HandshakeFailedException(reason, head.status(), head.headers(), message);
    }

    /**
     * What the handshake agreed on.
     *
     * @param subprotocol the selected subprotocol, or null
     * @param extensions  the accepted extensions, in the dialer's order
     * @param headers     the response headers, names in lower case
     */
    record Negotiated(String subprotocol, List<ClientExtension.Agreement> extensions,
                      Map<String, List<String>> headers) {
    }
}
