package dev.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The code and reason of a close frame (RFC 6455 §5.5.1, §7.1.5–§7.1.6).
 *
 * <p>The reason is truncated to {@link #MAX_REASON_BYTES} bytes of UTF-8 on a code point boundary,
 * so a close frame built from any {@code CloseStatus} fits a control frame and stays valid UTF-8.
 *
 * @param code   the status code; 1005 ({@link CloseCodes#NO_STATUS_RECEIVED}) stands for a close
 *               frame without a body and 1006 for a connection lost without one
 * @param reason the reason, never null (empty when absent)
 */
public record CloseStatus(int code, String reason) {

    /** Control payloads hold at most 125 bytes, two of which are the code (RFC 6455 §5.5). */
    public static final int MAX_REASON_BYTES = FrameHeader.MAX_CONTROL_PAYLOAD - 2;

    public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL_CLOSURE, "");
    public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "");
    /** What a close frame without a body means. */
    public static final CloseStatus NO_STATUS = new CloseStatus(CloseCodes.NO_STATUS_RECEIVED, "");
    /** What a connection dropped without a close frame means. */
    public static final CloseStatus ABNORMAL = new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "");

    public CloseStatus {
        reason = truncate(reason == null ? "" : reason);
    }

    /** A status without a reason. */
    public static CloseStatus of(int code) {
        return new CloseStatus(code, "");
    }

    /** Whether this status may be put on the wire (reserved codes such as 1005 may not). */
    public boolean isSendable() {
        return CloseCodes.isValidOnWire(code);
    }

    /**
     * Parses and validates a received close payload (RFC 6455 §5.5.1, §7.4): empty means
     * {@link #NO_STATUS}; one byte, or a code no peer may send, is a protocol error (1002); a reason
     * that is not UTF-8 is invalid payload (1007). Reads from the buffer's position to its limit
     * without moving them.
     */
    public static CloseStatus parse(ByteBuffer payload) throws WebSocketException {
        int len = payload.remaining();
        if (len == 0) {
            return NO_STATUS;
        }
        if (len == 1) {
            throw new ProtocolErrorException("close payload of 1 byte: a close body starts with a 2-byte code");
        }
        if (len > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new ProtocolErrorException("close payload " + len + " exceeds 125");
        }
        int p = payload.position();
        int code = (payload.get(p) & 0xFF) << 8 | (payload.get(p + 1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new ProtocolErrorException("close code " + code + " may not be sent by a peer");
        }
        if (len == 2) {
            return code == CloseCodes.NORMAL_CLOSURE ? NORMAL : new CloseStatus(code, "");
        }
        byte[] reason = new byte[len - 2];
        payload.get(p + 2, reason);
        if (!Utf8Validator.isValid(reason, 0, reason.length)) {
            throw new InvalidPayloadException("close reason is not valid UTF-8");
        }
        return new CloseStatus(code, new String(reason, StandardCharsets.UTF_8));
    }

    /**
     * Writes the close payload (code, then reason) at the buffer's position and advances it.
     * A status that is not sendable (1005, 1006) writes an empty payload.
     *
     * @return the number of bytes written (0, or 2 + reason bytes)
     */
    public int writeTo(ByteBuffer dst) {
        if (!isSendable()) {
            return 0;
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        dst.put((byte) (code >>> 8)).put((byte) code).put(r); // big-endian whatever dst.order() says
        return 2 + r.length;
    }

    /** The close payload as a new array (empty for statuses that are not sendable). */
    public byte[] toPayload() {
        if (!isSendable()) {
            return new byte[0];
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + r.length];
        out[0] = (byte) (code >>> 8);
        out[1] = (byte) code;
        System.arraycopy(r, 0, out, 2, r.length);
        return out;
    }

    /** Cuts a reason to at most 123 UTF-8 bytes without splitting a code point. */
    static String truncate(String reason) {
        if (reason.length() * 3 <= MAX_REASON_BYTES) {
            return reason; // cannot exceed the limit even if every char takes 3 bytes
        }
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (Character.isSurrogate(reason.charAt(i)) && !Character.isSupplementaryCodePoint(cp)) {
                n = 3; // a lone surrogate is encoded as '?' by the JDK, but reserve the worst case
            }
            if (bytes + n > MAX_REASON_BYTES) {
                return reason.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return reason;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? code + " (" + CloseCodes.describe(code) + ")"
                : code + " (" + CloseCodes.describe(code) + "): " + reason;
    }
}
