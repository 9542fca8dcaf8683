package dev.ws.boot;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.WebSocketException;
import dev.ws.server.FrameListener;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the traffic of every session at DEBUG on the {@value #LOGGER} logger, one line per frame,
 * when {@code ws.server.log-traffic=true}: what arrived ({@code <}), what the outbound queue
 * accepted ({@code >}), opens, closes and handshake rejections. For example:
 * <pre>
 * [ws 1a /chat/lobby] opened from 127.0.0.1:53412 (subprotocol v1.chat)
 * [ws 1a /chat/lobby] &lt; text 13 B: {"text":"hi"}
 * [ws 1a /chat/lobby] &gt; text 40 B: {"room":"lobby","text":"hi","members":2}
 * [ws 1a /chat/lobby] &lt; close 5 B: 1000 bye
 * [ws 1a /chat/lobby] closed 1000 (normal closure): bye
 * </pre>
 * Payloads are cut at a limit (text on a UTF-8 boundary, binary shown as hex); line breaks and
 * other control characters in text are escaped, so one frame is one line. A fragmented message is
 * logged once, whole (see {@link FrameListener}).
 *
 * <p>It logs message contents: a development and debugging aid, off by default. When the logger
 * is not at DEBUG each hook returns after one check. Thread-safe.
 */
public class WsTrafficLogger implements FrameListener, ServerListener {

    /** The logger's name: set {@code logging.level.dev.ws.traffic=debug} to see the lines. */
    public static final String LOGGER = "dev.ws.traffic";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Log log;
    private final int payloadLimit;

    /** @param payloadLimit the most payload bytes shown per frame; 0 shows none */
    public WsTrafficLogger(int payloadLimit) {
        this(LogFactory.getLog(LOGGER), payloadLimit);
    }

    WsTrafficLogger(Log log, int payloadLimit) {
        if (payloadLimit < 0) {
            throw new IllegalArgumentException("payload limit must not be negative, got " + payloadLimit);
        }
        this.log = log;
        this.payloadLimit = payloadLimit;
        if (!log.isDebugEnabled()) {
            LogFactory.getLog(WsTrafficLogger.class).info("ws.server.log-traffic is on, but the logger '" + LOGGER
                    + "' is not at DEBUG: set logging.level." + LOGGER + "=debug to see the traffic");
        }
    }

    @Override
    public void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload) {
        if (log.isDebugEnabled()) {
            log.debug(prefix(session) + "< " + frame(type, payload));
        }
    }

    @Override
    public void onSent(WebSocketSession session, OpCode type, ByteBuffer payload) {
        if (log.isDebugEnabled()) {
            log.debug(prefix(session) + "> " + frame(type, payload));
        }
    }

    @Override
    public void onOpen(WebSocketSession session) {
        if (log.isDebugEnabled()) {
            String protocol = session.subprotocol() == null ? "" : " (subprotocol " + session.subprotocol() + ")";
            log.debug(prefix(session) + "opened from " + address(session) + protocol);
        }
    }

    @Override
    public void onClose(WebSocketSession session, CloseStatus status) {
        if (log.isDebugEnabled()) {
            log.debug(prefix(session) + "closed " + status);
        }
    }

    @Override
    public void onHandshakeRejected(int status, String reason) {
        if (log.isDebugEnabled()) {
            log.debug("[ws] handshake rejected: " + status + " " + reason);
        }
    }

    private static String address(WebSocketSession session) {
        java.net.InetSocketAddress a = session.remoteAddress();
        return a == null ? "?" : a.getHostString() + ":" + a.getPort();
    }

    private static String prefix(WebSocketSession session) {
        return "[ws " + session.id() + " " + session.path() + "] ";
    }

    /** "text 5 B: hello", "ping 0 B", "close 5 B: 1000 bye", "binary 3 B: 0a0b0c". */
    String frame(OpCode type, ByteBuffer payload) {
        int size = payload.remaining();
        StringBuilder line = new StringBuilder(32 + Math.min(size, payloadLimit) * 2)
                .append(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(size).append(" B");
        if (size == 0 || payloadLimit == 0) {
            return line.toString();
        }
        line.append(": ");
        switch (type) {
            case TEXT -> appendText(line, payload);
            case CLOSE -> appendClose(line, payload);
            default -> appendHex(line, payload);
        }
        return line.toString();
    }

    private void appendText(StringBuilder line, ByteBuffer payload) {
        int n = Math.min(payload.remaining(), payloadLimit);
        ByteBuffer head = payload.duplicate().limit(payload.position() + n);
        // a limit inside a code point leaves an incomplete tail: the decoder stops before it
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(n);
        decoder.decode(head, chars, false);
        chars.flip();
        escape(line, chars);
        int shown = head.position() - payload.position();
        if (shown < payload.remaining()) {
            line.append("… (").append(payload.remaining() - shown).append(" B more)");
        }
    }

    private void appendClose(StringBuilder line, ByteBuffer payload) {
        try {
            CloseStatus status = CloseStatus.parse(payload.duplicate());
            line.append(status.code());
            if (!status.reason().isEmpty()) {
                line.append(' ');
                escape(line, status.reason());
            }
        } catch (WebSocketException e) {
            appendHex(line, payload); // the peer's invalid close: show the bytes
        }
    }

    private void appendHex(StringBuilder line, ByteBuffer payload) {
        int n = Math.min(payload.remaining(), payloadLimit);
        int p = payload.position();
        for (int i = 0; i < n; i++) {
            int b = payload.get(p + i) & 0xFF;
            line.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        if (n < payload.remaining()) {
            line.append("… (").append(payload.remaining() - n).append(" B more)");
        }
    }

    private static void escape(StringBuilder line, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "WsTrafficLogger[" + LOGGER + ", payload limit " + payloadLimit + " B, debug "
                + log.isDebugEnabled() + "]";
    }
}
