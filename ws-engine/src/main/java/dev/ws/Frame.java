package dev.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A whole frame for the convenience layer: header flags and a payload that is <b>referenced, not
 * copied</b> (the frame is only valid as long as the payload's owner leaves it alone).
 *
 * @param fin     whether this is the final fragment of a message
 * @param rsv     the RSV bits, right-aligned
 * @param opCode  the opcode
 * @param payload the unmasked payload, from its position to its limit
 */
public record Frame(boolean fin, int rsv, OpCode opCode, ByteBuffer payload) {

    public Frame {
        if (opCode.isControl() && (!fin || payload.remaining() > FrameHeader.MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("control frames are final and carry at most 125 bytes, got "
                    + payload.remaining() + (fin ? "" : " and fin=false"));
        }
    }

    public static Frame text(String text) {
        return new Frame(true, 0, OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static Frame binary(byte[] data) {
        return new Frame(true, 0, OpCode.BINARY, ByteBuffer.wrap(data));
    }

    public static Frame ping(byte[] data) {
        return new Frame(true, 0, OpCode.PING, ByteBuffer.wrap(data));
    }

    public static Frame pong(byte[] data) {
        return new Frame(true, 0, OpCode.PONG, ByteBuffer.wrap(data));
    }

    public static Frame close(CloseStatus status) {
        return new Frame(true, 0, OpCode.CLOSE, ByteBuffer.wrap(status.toPayload()));
    }

    /** The payload length. */
    public int length() {
        return payload.remaining();
    }

    /** The payload decoded as UTF-8 (replacing invalid sequences: validate first where it matters). */
    public String payloadAsText() {
        return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }

    /**
     * Encodes this frame for a side into a new array, ready to be written as many times as needed
     * (a server-side broadcast: server frames are unmasked, so the same bytes go to every peer).
     */
    public byte[] compile(Side side, MaskGenerator masks) {
        FrameHeader h = new FrameHeader().set(fin, rsv, opCode.code(), payload.remaining());
        if (side.masksOutput()) {
            h.mask(masks.nextMask());
        }
        byte[] out = new byte[h.encodedSize() + payload.remaining()];
        int at = FrameEncoder.writeHeader(h, out, 0);
        payload.get(payload.position(), out, at, payload.remaining());
        if (h.masked()) {
            Masking.apply(out, at, payload.remaining(), h.maskKey(), 0);
        }
        return out;
    }
}
