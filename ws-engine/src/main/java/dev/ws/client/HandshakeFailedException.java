package dev.ws.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to the opening handshake was not a valid upgrade (RFC 6455 §4.1, "the client
 * MUST fail the WebSocket Connection"), or an HTTP proxy refused the tunnel. The connection is closed
 * without sending any frame. {@link #reason()} says which rule failed and the message names the value
 * seen, e.g. {@code "Sec-WebSocket-Accept is 'eHh4...' but the key 'dGhl...' needs 's3pP...'"}.
 *
 * <p>For a response that is not 101 (a redirect, 401, 404...), {@link #status()} and
 * {@link #headers()} let the caller act on it; the body is not read.
 */
public final class HandshakeFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Which rule the response broke. */
    public enum Reason {
        /** The status is not 101 (see {@link #status()}). */
        BAD_STATUS,
        /** The response is not HTTP/1.1 or later, or its status line or a header line is malformed. */
        MALFORMED_RESPONSE,
        /** The response head exceeds the dialer's limit. */
        RESPONSE_TOO_LARGE,
        /** The server closed the connection before the response head was complete. */
        CLOSED_DURING_HANDSHAKE,
        /** {@code Upgrade} is missing or does not name {@code websocket}. */
        BAD_UPGRADE,
        /** {@code Connection} is missing or lacks the {@code Upgrade} token. */
        BAD_CONNECTION,
        /** {@code Sec-WebSocket-Accept} is missing, repeated or not the value the key asks for. */
        BAD_ACCEPT,
        /** The response names an extension that was not offered (RFC 6455 §4.1 item 5 of the checks). */
        UNOFFERED_EXTENSION,
        /** An offered extension found the server's parameters unacceptable (e.g. RFC 7692 §5). */
        EXTENSION_REFUSED,
        /** The response selects a subprotocol that was not offered, or several. */
        UNOFFERED_SUBPROTOCOL,
        /** The HTTP proxy answered the CONNECT request with a status other than 2xx. */
        PROXY_REFUSED
    }

    private final Reason reason;
    private final int status;
    private final transient Map<String, List<String>> headers;

    HandshakeFailedException(Reason reason, int status, Map<String, List<String>> headers, String message) {
        this(reason, status, headers, message, null);
    }

    HandshakeFailedException(Reason reason, int status, Map<String, List<String>> headers, String message,
                             Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.status = status;
        this.headers = headers == null ? Map.of() : headers;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the response (or the proxy's), 0 when none was parsed. */
    public int status() {
        return status;
    }

    /** The response headers, names in lower case, empty when none were parsed. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
