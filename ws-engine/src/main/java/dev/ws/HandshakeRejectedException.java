package dev.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A refused opening handshake and the HTTP response that says so (RFC 6455 §4.2.1, §4.2.2, §4.4).
 * Callbacks throw it to refuse with their own status (404 for an unknown path, 403 for an origin
 * not allowed); the {@link Upgrader} reports its own refusals with the prebuilt instances below.
 *
 * <p>The response is rendered once, when the exception is created, so a bad client costs nothing:
 * <pre>
 *   HTTP/1.1 {status} {standard reason phrase}
 *   Content-Type: text/plain; charset=utf-8
 *   {headers}{the upgrader's fixed headers}
 *   Content-Length: {n}
 *   Connection: close
 *
 *   {reason}
 * </pre>
 * The status line carries the standard phrase, never the reason; the reason is the body, as
 * UTF-8. The prebuilt reasons never repeat request data; a callback that builds its own reason must
 * not put request data in it either (it would be reflected to the client). The exception carries
 * no stack trace: a rejection is an answer, not a bug. A rejection for a failing callback (500)
 * carries that failure as its cause.
 */
public final class HandshakeRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    // before the prebuilt instances: their constructor uses it
    private static final byte[] CONTENT_TYPE =
            "Content-Type: text/plain; charset=utf-8\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The request line is not {@code METHOD SP target SP HTTP/d.d CRLF}. */
    public static final HandshakeRejectedException MALFORMED_REQUEST_LINE =
            new HandshakeRejectedException(400, "malformed request line");
    /** A header line without a colon, with whitespace before it, folded, or with a control character. */
    public static final HandshakeRejectedException MALFORMED_HEADER =
            new HandshakeRejectedException(400, "malformed header line");
    /** RFC 6455 §4.1: the upgrade is a GET. Carries {@code Allow: GET} (RFC 7231 §6.5.5). */
    public static final HandshakeRejectedException METHOD_NOT_ALLOWED =
            new HandshakeRejectedException(405, "a WebSocket upgrade must use GET", HandshakeHeaders.of("Allow", "GET"));
    /** RFC 6455 §4.1: HTTP/1.1 or later. */
    public static final HandshakeRejectedException HTTP_VERSION_NOT_SUPPORTED =
            new HandshakeRejectedException(505, "a WebSocket upgrade needs HTTP/1.1 or later");
    /** RFC 7230 §5.4: exactly one non-empty Host header. */
    public static final HandshakeRejectedException BAD_HOST =
            new HandshakeRejectedException(400, "missing, empty or repeated Host header");
    /** RFC 6455 §4.2.1 item 3. */
    public static final HandshakeRejectedException BAD_UPGRADE =
            new HandshakeRejectedException(400, "the Upgrade header must contain websocket");
    /** RFC 6455 §4.2.1 item 4. */
    public static final HandshakeRejectedException BAD_CONNECTION =
            new HandshakeRejectedException(400, "the Connection header must contain upgrade");
    /** RFC 6455 §4.2.1 item 6, header absent. */
    public static final HandshakeRejectedException MISSING_VERSION =
            new HandshakeRejectedException(400, "missing Sec-WebSocket-Version");
    /** RFC 6455 §4.4: a version other than 13; carries {@code Sec-WebSocket-Version: 13}. */
    public static final HandshakeRejectedException UPGRADE_REQUIRED = new HandshakeRejectedException(426,
            "unsupported Sec-WebSocket-Version; this server speaks 13", HandshakeHeaders.of("Sec-WebSocket-Version", "13"));
    /** RFC 6455 §4.2.1 item 5: one key, the base64 of 16 bytes. */
    public static final HandshakeRejectedException BAD_KEY = new HandshakeRejectedException(400,
            "Sec-WebSocket-Key must be sent once, as the base64 encoding of 16 bytes");
    /** RFC 6455 §4.1 item 10: the offered subprotocols must be tokens. */
    public static final HandshakeRejectedException BAD_PROTOCOL =
            new HandshakeRejectedException(400, "malformed Sec-WebSocket-Protocol list");
    /** The head exceeds {@code maxHeadBytes} (RFC 6585 §5). */
    public static final HandshakeRejectedException HEAD_TOO_LARGE =
            new HandshakeRejectedException(431, "request head too large");
    /** More header lines than {@code maxHeaders} (RFC 6585 §5). */
    public static final HandshakeRejectedException TOO_MANY_HEADERS =
            new HandshakeRejectedException(431, "too many header fields");
    /** The server failed (a callback threw, or the response would not fit); the cause, if any, says why. */
    public static final HandshakeRejectedException INTERNAL_ERROR =
            new HandshakeRejectedException(500, "internal server error");

    private final int status;
    private final transient HandshakeHeaders headers;
    /** Status line, Content-Type and this rejection's headers. */
    private final transient byte[] responseHead;
    /** Content-Length, Connection: close, the blank line and the body. */
    private final transient byte[] responseTail;

    /** A rejection without extra headers. */
    public HandshakeRejectedException(int status, String reason) {
        this(status, reason, HandshakeHeaders.EMPTY, null);
    }

    /** A rejection with extra response headers (e.g. {@code Location} for a 3xx). */
    public HandshakeRejectedException(int status, String reason, HandshakeHeaders headers) {
        this(status, reason, headers, null);
    }

    /**
     * @param status  an HTTP status from 300 to 599
     * @param reason  the body, also the exception message; must not repeat request data
     * @param headers extra response headers (never null; {@link HandshakeHeaders#EMPTY})
     * @param cause   the failure behind a 5xx, kept for the log; never sent
     * @throws IllegalArgumentException for a status outside 300–599, or a response larger than
     *                                  {@link Upgrader#MAX_RESPONSE_BYTES}
     */
    public HandshakeRejectedException(int status, String reason, HandshakeHeaders headers, Throwable cause) {
        super(reason, cause);
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a rejection status is 300..599, not " + status);
        }
        this.status = status;
        this.headers = headers;
        byte[] body = (reason == null ? "" : reason + "\n").getBytes(StandardCharsets.UTF_8);
        String statusLine = "HTTP/1.1 " + status + " " + HttpStatus.phrase(status) + "\r\n";
        ByteBuffer head = ByteBuffer.allocate(statusLine.length() + CONTENT_TYPE.length + headers.byteLength());
        head.put(statusLine.getBytes(StandardCharsets.US_ASCII)).put(CONTENT_TYPE);
        headers.writeTo(head);
        this.responseHead = head.array();
        byte[] tailHead = ("Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.responseTail = new byte[tailHead.length + body.length];
        System.arraycopy(tailHead, 0, responseTail, 0, tailHead.length);
        System.arraycopy(body, 0, responseTail, tailHead.length, body.length);
        if (responseLength() > Upgrader.MAX_RESPONSE_BYTES) {
            throw new IllegalArgumentException("rejection response of " + responseLength() + " bytes exceeds "
                    + Upgrader.MAX_RESPONSE_BYTES + "; shorten the reason or the headers");
        }
    }

    /** A copy to throw, so that the shared prebuilt instances are never thrown (and never mutated). */
    private HandshakeRejectedException(HandshakeRejectedException of) {
        super(of.getMessage(), of.getCause());
        this.status = of.status;
        this.headers = of.headers;
        this.responseHead = of.responseHead;
        this.responseTail = of.responseTail;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The reason: the response body and the exception message. */
    public String reason() {
        return getMessage();
    }

    /** The rejection's own extra response headers. */
    public HandshakeHeaders headers() {
        return headers;
    }

    /** The size of the response without the upgrader's fixed headers. */
    int responseLength() {
        return responseHead.length + responseTail.length;
    }

    /** Puts the response into {@code out}, with {@code common} (the upgrader's fixed headers). */
    void writeResponse(ByteBuffer out, HandshakeHeaders common) {
        out.put(responseHead);
        common.writeTo(out);
        out.put(responseTail);
    }

    HandshakeRejectedException copy() {
        return new HandshakeRejectedException(this);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return "HandshakeRejectedException (" + status + "): " + getMessage();
    }
}
