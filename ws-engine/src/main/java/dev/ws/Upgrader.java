package dev.ws;

import static dev.ws.HandshakeRejectedException.BAD_CONNECTION;
import static dev.ws.HandshakeRejectedException.BAD_HOST;
import static dev.ws.HandshakeRejectedException.BAD_KEY;
import static dev.ws.HandshakeRejectedException.BAD_PROTOCOL;
import static dev.ws.HandshakeRejectedException.BAD_UPGRADE;
import static dev.ws.HandshakeRejectedException.HEAD_TOO_LARGE;
import static dev.ws.HandshakeRejectedException.HTTP_VERSION_NOT_SUPPORTED;
import static dev.ws.HandshakeRejectedException.INTERNAL_ERROR;
import static dev.ws.HandshakeRejectedException.MALFORMED_HEADER;
import static dev.ws.HandshakeRejectedException.MALFORMED_REQUEST_LINE;
import static dev.ws.HandshakeRejectedException.METHOD_NOT_ALLOWED;
import static dev.ws.HandshakeRejectedException.MISSING_VERSION;
import static dev.ws.HandshakeRejectedException.TOO_MANY_HEADERS;
import static dev.ws.HandshakeRejectedException.UPGRADE_REQUIRED;

import dev.ws.http.HeaderValues;
import dev.ws.http.HttpChars;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The server side of the opening handshake (RFC 6455 §4.2): reads a request head, checks it, runs
 * the {@linkplain HandshakeCallbacks callbacks}, and writes the 101 response or the rejection.
 *
 * <p>Built once with {@link #builder()}, immutable and thread-safe: one instance serves every event
 * loop. All per-handshake state lives in the {@link HandshakeResult} the caller passes in (which also
 * owns the SHA-1 state), so nothing is shared between calls and no {@code ThreadLocal} is used.
 *
 * <p>Rules, in the order checked (statuses match {@code wsconf} section H):
 * <ol>
 *   <li>syntax of the request line (400) and header lines (400: no colon, space before it, folding,
 *       a control character); more than {@code maxHeaders} lines or more than {@code maxHeadBytes}
 *       bytes (431), detected before the head is complete;</li>
 *   <li>HTTP/1.1 or later (505), method GET (405 with {@code Allow: GET});</li>
 *   <li>exactly one non-empty {@code Host} (400); {@code Upgrade} contains the token
 *       {@code websocket} and {@code Connection} the token {@code upgrade}, ignoring case (400);
 *       {@code Sec-WebSocket-Version} present (400) and 13 (else 426 with
 *       {@code Sec-WebSocket-Version: 13}); exactly one {@code Sec-WebSocket-Key}, the base64 of 16
 *       bytes (400); a {@code Sec-WebSocket-Protocol} list of tokens (400).</li>
 * </ol>
 * Extension offers are parsed element by element; malformed ones are declined (left out of what the
 * negotiators see), never refused (RFC 7692 §5). Rejection bodies are fixed texts, never request data.
 */
public final class Upgrader {

    /** {@link #upgrade(ByteBuffer, ByteBuffer, HandshakeResult)}: the head is not complete; nothing consumed. */
    public static final int NEED_MORE = 0;
    /** The head was consumed, the 101 response written, the result filled. */
    public static final int UPGRADED = 1;
    /** The error response was written; {@link HandshakeResult#rejection()} says why. Close after writing. */
    public static final int REJECTED = 2;

    /**
     * The most bytes a response takes, not counting the builder's fixed
     * {@linkplain Builder#responseHeader response headers}: the 101 with subprotocol, extensions and
     * before-upgrade headers, or a rejection. A 101 that would be larger is replaced by a 500.
     * {@link #responseBufferSize()} adds the fixed headers.
     */
    public static final int MAX_RESPONSE_BYTES = 4096;
    /** Default {@link Builder#maxHeadBytes}: 8 KiB, as common HTTP servers. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;
    /** Default {@link Builder#maxHeaders}: browsers send 10 to 20. */
    public static final int DEFAULT_MAX_HEADERS = 100;

    private static final byte[] STATUS_AND_ACCEPT = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROTOCOL_LINE = "\r\nSec-WebSocket-Protocol: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTENSIONS_LINE = "\r\nSec-WebSocket-Extensions: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    /** The 101 without optional parts: status, Upgrade, Connection, the accept line, the blank line. */
    private static final int FIXED_101_BYTES = STATUS_AND_ACCEPT.length + AcceptKey.ACCEPT_LENGTH + 2 * CRLF.length;
    private static final int MIN_HEAD_BYTES = 256;
    private static final int MAX_HEAD_BYTES = 1 << 20;
    private static final int MAX_HEADERS = 10_000;
    /** The blocking upgrade's first read buffer; it grows up to maxHeadBytes. */
    private static final int BLOCKING_INITIAL_BYTES = 2048;

    private final int maxHeadBytes;
    private final int maxHeaders;
    private final HandshakeCallbacks.OnRequest onRequest;
    private final HandshakeCallbacks.OnHost onHost;
    private final HandshakeCallbacks.OnHeader onHeader;
    private final HandshakeCallbacks.OnHead onHead;
    private final SubprotocolSelector subprotocols;
    private final ExtensionNegotiator[] negotiators;
    private final HandshakeCallbacks.BeforeUpgrade beforeUpgrade;
    private final HandshakeHeaders responseHeaders;
    private final boolean captureAll;
    private final String[] capture;
    private final int responseBufferSize;

    private Upgrader(Builder b) {
        this.maxHeadBytes = b.maxHeadBytes;
        this.maxHeaders = b.maxHeaders;
        this.onRequest = b.onRequest;
        this.onHost = b.onHost;
        this.onHeader = b.onHeader;
        this.onHead = b.onHead;
        this.subprotocols = b.subprotocols;
        this.negotiators = b.negotiators.toArray(ExtensionNegotiator[]::new);
        this.beforeUpgrade = b.beforeUpgrade;
        this.responseHeaders = b.responseHeaders;
        this.captureAll = b.captureAll;
        this.capture = b.capture.toArray(String[]::new);
        this.responseBufferSize = MAX_RESPONSE_BYTES + responseHeaders.byteLength();
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Upgrades from the request head at {@code in.position()}, sans I/O: call it with whatever bytes
     * have arrived; on {@link #NEED_MORE} append more to {@code in} and call again with the same
     * start (re-scanning is cheap: one copy and one pass over at most {@code maxHeadBytes}).
     *
     * <p>Outcomes:
     * <ul>
     *   <li>{@link #NEED_MORE}: the blank line ending the head has not arrived and nothing is wrong so
     *       far; neither buffer is touched.</li>
     *   <li>{@link #UPGRADED}: exactly the head is consumed ({@code in.position()} is past the blank
     *       line; bytes after it, such as frames sent in the same write, stay in {@code in}); the 101
     *       response is at {@code out}'s old position, {@code out.position()} after it; {@code result}
     *       is filled.</li>
     *   <li>{@link #REJECTED}: {@code in} is untouched; the error response is in {@code out}; write it
     *       and close the connection.</li>
     * </ul>
     * Nothing the peer sends makes this throw; a callback's exception becomes a 500 rejection. Calls
     * with the same {@code result} must come from one thread at a time; the upgrader itself may be
     * used by any number of threads at once.
     *
     * <p>{@code in} must be able to grow to {@link #maxHeadBytes()} before the caller gives up: the
     * 431 comes only once that many bytes are there (a caller whose buffer is full earlier refuses
     * the connection itself).
     *
     * @param out must have at least {@link #responseBufferSize()} bytes remaining
     * @param result reset and filled by this call; see {@link HandshakeResult} for reuse
     * @throws IllegalArgumentException when {@code out} is too small (checked before anything else)
     */
    public int upgrade(ByteBuffer in, ByteBuffer out, HandshakeResult result) {
        if (out.remaining() < responseBufferSize) {
            throw new IllegalArgumentException("out has " + out.remaining() + " bytes remaining; a handshake "
                    + "response needs up to " + responseBufferSize + " (Upgrader.responseBufferSize())");
        }
        result.reset();
        RequestHead head = result.head;
        int available = in.remaining();
        int n = Math.min(available, maxHeadBytes);
        head.load(in, n, maxHeadBytes);
        switch (head.parse(n, maxHeaders)) {
            case RequestHead.COMPLETE -> {
                // checked below
            }
            case RequestHead.INCOMPLETE -> {
                return available >= maxHeadBytes ? reject(out, result, HEAD_TOO_LARGE) : NEED_MORE;
            }
            case RequestHead.MALFORMED_REQUEST_LINE -> {
                return reject(out, result, MALFORMED_REQUEST_LINE);
            }
            case RequestHead.TOO_MANY_HEADERS -> {
                return reject(out, result, TOO_MANY_HEADERS);
            }
            default -> {
                return reject(out, result, MALFORMED_HEADER);
            }
        }
        HandshakeRejectedException rejection;
        try {
            rejection = accept(head, result);
        } catch (HandshakeRejectedException e) {
            rejection = e;
        } catch (RuntimeException e) {
            rejection = new HandshakeRejectedException(500, INTERNAL_ERROR.reason(), HandshakeHeaders.EMPTY, e);
        }
        if (rejection == null && !write101(out, result)) {
            rejection = INTERNAL_ERROR;
        }
        if (rejection != null) {
            return reject(out, result, rejection);
        }
        in.position(in.position() + head.length());
        result.upgraded();
        return UPGRADED;
    }

    /** Checks the complete head and runs the callbacks; null when the upgrade may proceed. */
    private HandshakeRejectedException accept(RequestHead head, HandshakeResult result)
            throws HandshakeRejectedException {
        if (head.majorVersion() < 1 || head.majorVersion() == 1 && head.minorVersion() < 1) {
            return HTTP_VERSION_NOT_SUPPORTED; // RFC 6455 §4.1 item 2
        }
        if (!head.methodIs("GET")) {
            return METHOD_NOT_ALLOWED;
        }
        if (onRequest != null) {
            onRequest.onRequest(head.uri(), result);
        }
        byte[] b = head.bytes();
        int hosts = 0;
        int keys = 0;
        int key = -1;
        int versions = 0;
        boolean hostEmpty = false;
        boolean upgrade = false;
        boolean connection = false;
        boolean version13 = true;
        boolean protocols = false;
        boolean extensions = false;
        for (int i = 0, count = head.headerCount(); i < count; i++) {
            int from = head.valueStart(i);
            int to = head.valueEnd(i);
            switch (head.kind(i)) {
                case RequestHead.HOST -> {
                    hosts++;
                    hostEmpty |= from == to;
                    if (onHost != null) {
                        onHost.onHost(head.valueView(i), result);
                    }
                }
                case RequestHead.UPGRADE -> upgrade |= HeaderValues.containsToken(b, from, to, "websocket");
                case RequestHead.CONNECTION -> connection |= HeaderValues.containsToken(b, from, to, "upgrade");
                case RequestHead.KEY -> {
                    keys++;
                    key = i;
                }
                case RequestHead.VERSION -> {
                    versions++;
                    version13 &= head.valueIs(i, "13");
                }
                case RequestHead.PROTOCOL -> {
                    if (!HeaderValues.isTokenList(b, from, to)) {
                        return BAD_PROTOCOL;
                    }
                    protocols |= from < to;
                }
                case RequestHead.EXTENSIONS -> extensions |= from < to;
                default -> {
                    if (onHeader != null) {
                        onHeader.onHeader(head.nameView(i), head.valueView(i), result);
                    }
                }
            }
            if (captureAll || isCaptured(b, head.nameStart(i), head.nameEnd(i))) {
                head.markCaptured(i);
            }
        }
        // RFC 6455 §4.2.1 items 2–6, in gobwas' order
        if (hosts != 1 || hostEmpty) {
            return BAD_HOST;
        }
        if (!upgrade) {
            return BAD_UPGRADE;
        }
        if (!connection) {
            return BAD_CONNECTION;
        }
        if (versions == 0) {
            return MISSING_VERSION;
        }
        if (!version13) {
            return UPGRADE_REQUIRED; // §4.4
        }
        if (keys != 1 || !AcceptKey.isValidKey(b, head.valueStart(key), head.valueEnd(key))) {
            return BAD_KEY;
        }
        if (onHead != null) {
            onHead.onHead(head, result);
        }
        if (protocols && subprotocols != null) {
            Negotiation.selectSubprotocol(subprotocols, head, result);
        }
        if (extensions && negotiators.length > 0) {
            Negotiation.negotiateExtensions(negotiators, head, result);
        }
        if (beforeUpgrade != null) {
            HandshakeHeaders extra = beforeUpgrade.beforeUpgrade(head, result);
            result.extraHeaders = extra == null ? HandshakeHeaders.EMPTY : extra;
        }
        result.acceptKey().compute(b, head.valueStart(key), AcceptKey.KEY_LENGTH, result.accept);
        return null;
    }

    private boolean isCaptured(byte[] b, int from, int to) {
        for (String name : capture) {
            if (HttpChars.equalsIgnoreCase(b, from, to, name)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the 101 response; false (nothing written) when it would exceed {@link #MAX_RESPONSE_BYTES}. */
    private boolean write101(ByteBuffer out, HandshakeResult result) {
        String protocol = result.subprotocol();
        String extensions = result.extensionsResponse;
        int size = FIXED_101_BYTES + result.extraHeaders.byteLength()
                + (protocol == null ? 0 : PROTOCOL_LINE.length + protocol.length())
                + (extensions == null ? 0 : EXTENSIONS_LINE.length + extensions.length());
        if (size > MAX_RESPONSE_BYTES) {
            return false;
        }
        out.put(STATUS_AND_ACCEPT).put(result.accept, 0, AcceptKey.ACCEPT_LENGTH);
        if (protocol != null) {
            out.put(PROTOCOL_LINE);
            putLatin1(out, protocol);
        }
        if (extensions != null) {
            out.put(EXTENSIONS_LINE);
            putLatin1(out, extensions);
        }
        out.put(CRLF);
        responseHeaders.writeTo(out);
        result.extraHeaders.writeTo(out);
        out.put(CRLF);
        return true;
    }

    private static void putLatin1(ByteBuffer out, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            out.put((byte) s.charAt(i));
        }
    }

    private int reject(ByteBuffer out, HandshakeResult result, HandshakeRejectedException rejection) {
        rejection.writeResponse(out, responseHeaders);
        result.rejected(rejection);
        return REJECTED;
    }

    /**
     * Blocking upgrade over streams, for a thread (or virtual thread) per connection: reads the head
     * (at most {@code maxHeadBytes}), writes and flushes the response. The caller sets read timeouts
     * on the socket.
     *
     * @return the result and the connection's input, which first yields any bytes that arrived after
     *         the head: read frames from {@link Handshake#input()}, not from {@code in}
     * @throws HandshakeRejectedException after the rejection response was written and flushed; close
     *                                    the connection
     * @throws EOFException when the stream ends before the head is complete
     */
    public Handshake upgrade(InputStream in, OutputStream out) throws IOException {
        HandshakeResult result = new HandshakeResult();
        ByteBuffer response = ByteBuffer.allocate(responseBufferSize);
        byte[] buf = new byte[Math.min(maxHeadBytes, BLOCKING_INITIAL_BYTES)];
        int length = 0;
        while (true) {
            if (length == buf.length) {
                // upgrade() refuses a full buffer of maxHeadBytes, so there is room to grow
                assert buf.length < maxHeadBytes;
                buf = Arrays.copyOf(buf, Math.min(maxHeadBytes, 2 * buf.length));
            }
            int read = in.read(buf, length, buf.length - length);
            if (read < 0) {
                throw new EOFException("connection closed after " + length + " bytes of the request head");
            }
            length += read;
            ByteBuffer received = ByteBuffer.wrap(buf, 0, length);
            int outcome = upgrade(received, response, result);
            if (outcome == NEED_MORE) {
                continue;
            }
            out.write(response.array(), 0, response.position());
            out.flush();
            if (outcome == REJECTED) {
                throw result.rejection().copy();
            }
            int rest = length - received.position();
            InputStream input = rest == 0 ? in
                    : new SequenceInputStream(new ByteArrayInputStream(buf, received.position(), rest), in);
            return new Handshake(result, input);
        }
    }

    /** The {@code out} space {@link #upgrade(ByteBuffer, ByteBuffer, HandshakeResult)} requires. */
    public int responseBufferSize() {
        return responseBufferSize;
    }

    public int maxHeadBytes() {
        return maxHeadBytes;
    }

    public int maxHeaders() {
        return maxHeaders;
    }

    @Override
    public String toString() {
        return "Upgrader[maxHeadBytes=" + maxHeadBytes + ", maxHeaders=" + maxHeaders
                + (subprotocols != null ? ", subprotocols" : "") + ", extensions=" + negotiators.length
                + (onHead != null ? ", onHead" : "") + (responseHeaders.isEmpty() ? "" : ", headers=" + responseHeaders)
                + "]";
    }

    /**
     * Options of an {@link Upgrader}. Setters of a single hook replace an earlier value; the methods
     * that add ({@link #extension}, {@link #responseHeader}, {@link #captureHeaders}) accumulate.
     * Not thread-safe; {@link #build()} copies what it needs.
     */
    public static final class Builder {

        private int maxHeadBytes = DEFAULT_MAX_HEAD_BYTES;
        private int maxHeaders = DEFAULT_MAX_HEADERS;
        private HandshakeCallbacks.OnRequest onRequest;
        private HandshakeCallbacks.OnHost onHost;
        private HandshakeCallbacks.OnHeader onHeader;
        private HandshakeCallbacks.OnHead onHead;
        private SubprotocolSelector subprotocols;
        private final List<ExtensionNegotiator> negotiators = new ArrayList<>();
        private HandshakeCallbacks.BeforeUpgrade beforeUpgrade;
        private HandshakeHeaders responseHeaders = HandshakeHeaders.EMPTY;
        private boolean captureAll;
        private final List<String> capture = new ArrayList<>();

        private Builder() {
        }

        /**
         * The largest request head, request line to blank line, in bytes (default 8 KiB, from 256 to
         * 1 MiB). A larger head is refused with 431 as soon as that many bytes arrived without the
         * blank line. Each {@link HandshakeResult} keeps a copy of up to this many bytes.
         */
        public Builder maxHeadBytes(int maxHeadBytes) {
            if (maxHeadBytes < MIN_HEAD_BYTES || maxHeadBytes > MAX_HEAD_BYTES) {
                throw new IllegalArgumentException("maxHeadBytes " + maxHeadBytes + " outside " + MIN_HEAD_BYTES
                        + ".." + MAX_HEAD_BYTES);
            }
            this.maxHeadBytes = maxHeadBytes;
            return this;
        }

        /** The most header lines (default 100, from 1 to 10000); more are refused with 431. */
        public Builder maxHeaders(int maxHeaders) {
            if (maxHeaders < 1 || maxHeaders > MAX_HEADERS) {
                throw new IllegalArgumentException("maxHeaders " + maxHeaders + " outside 1.." + MAX_HEADERS);
            }
            this.maxHeaders = maxHeaders;
            return this;
        }

        /** Called with the request target; default none. See {@link HandshakeCallbacks} for the order. */
        public Builder onRequest(HandshakeCallbacks.OnRequest onRequest) {
            this.onRequest = onRequest;
            return this;
        }

        /** Called with each {@code Host} value; default none. */
        public Builder onHost(HandshakeCallbacks.OnHost onHost) {
            this.onHost = onHost;
            return this;
        }

        /** Called for each header the upgrader does not handle itself; default none. */
        public Builder onHeader(HandshakeCallbacks.OnHeader onHeader) {
            this.onHeader = onHeader;
            return this;
        }

        /** Called once with the whole valid request (routing, origin checks); default none. */
        public Builder onHead(HandshakeCallbacks.OnHead onHead) {
            this.onHead = onHead;
            return this;
        }

        /** Chooses the subprotocol; default none (the response never names one). */
        public Builder subprotocols(SubprotocolSelector selector) {
            this.subprotocols = selector;
            return this;
        }

        /** Selects the first offered of {@code supported}, in the client's order. */
        public Builder subprotocols(String... supported) {
            for (String s : supported) {
                if (!HttpChars.isToken(s)) {
                    throw new IllegalArgumentException("a subprotocol is a token: \"" + s + "\"");
                }
            }
            return subprotocols(SubprotocolSelector.firstOf(supported));
        }

        /**
         * Adds an extension negotiator (e.g. permessage-deflate); default none, and then
         * {@code Sec-WebSocket-Extensions} is not even parsed. Negotiators run in the order added,
         * each seeing every well-formed offer; the accepted ones appear in the response in that order.
         */
        public Builder extension(ExtensionNegotiator negotiator) {
            negotiators.add(Objects.requireNonNull(negotiator, "negotiator"));
            return this;
        }

        /**
         * Adds a header written in every response, 101 and rejections alike (rendered once, here);
         * default none. See {@link HandshakeHeaders} for what is allowed.
         */
        public Builder responseHeader(String name, String value) {
            responseHeaders = responseHeaders.with(name, value);
            return this;
        }

        /** Adds headers written in every response; see {@link #responseHeader}. */
        public Builder responseHeaders(HandshakeHeaders headers) {
            responseHeaders = responseHeaders.and(headers);
            return this;
        }

        /** The last hook before the 101; its headers are added to the response; default none. */
        public Builder beforeUpgrade(HandshakeCallbacks.BeforeUpgrade beforeUpgrade) {
            this.beforeUpgrade = beforeUpgrade;
            return this;
        }

        /**
         * Headers (names, ignoring case) that {@link HandshakeResult#header(String)} and
         * {@link HandshakeResult#headers()} keep after the call; default none.
         */
        public Builder captureHeaders(String... names) {
            for (String name : names) {
                if (!HttpChars.isToken(name)) {
                    throw new IllegalArgumentException("a header name is a token: \"" + name + "\"");
                }
                capture.add(name);
            }
            return this;
        }

        /** Keeps every header for {@link HandshakeResult#header(String)} and {@link HandshakeResult#headers()}. */
        public Builder captureAllHeaders() {
            this.captureAll = true;
            return this;
        }

        public Upgrader build() {
            return new Upgrader(this);
        }
    }
}
