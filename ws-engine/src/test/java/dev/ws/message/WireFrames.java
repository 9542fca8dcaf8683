package dev.ws.message;

import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.Masking;
import dev.ws.OpCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds raw frames for tests, including ones the engine's own encoders refuse to build
 * (fragmented pings, oversized control frames, stray RSV bits). Client frames get a fixed mask.
 */
final class WireFrames {

    static final int MASK = 0x37FA213D;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean masked;

    private WireFrames(boolean masked) {
        this.masked = masked;
    }

    /** Frames a client sends (masked), for a server-side reader. */
    static WireFrames fromClient() {
        return new WireFrames(true);
    }

    /** Frames a server sends (unmasked), for a client-side reader. */
    static WireFrames fromServer() {
        return new WireFrames(false);
    }

    WireFrames frame(boolean fin, int rsv, int opcode, byte[] payload) {
        FrameHeader h = new FrameHeader().set(fin, rsv, opcode, payload.length);
        if (masked) {
            h.mask(MASK);
        }
        byte[] header = new byte[FrameHeader.MAX_HEADER_SIZE];
        int n = FrameEncoder.writeHeader(h, header, 0);
        out.write(header, 0, n);
        byte[] body = payload.clone();
        if (masked) {
            Masking.apply(body, 0, body.length, MASK, 0);
        }
        out.writeBytes(body);
        return this;
    }

    WireFrames frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload);
    }

    WireFrames text(String text) {
        return frame(true, OpCode.OP_TEXT, utf8(text));
    }

    WireFrames binary(byte[] data) {
        return frame(true, OpCode.OP_BINARY, data);
    }

    WireFrames ping(String payload) {
        return frame(true, OpCode.OP_PING, utf8(payload));
    }

    WireFrames pong(String payload) {
        return frame(true, OpCode.OP_PONG, utf8(payload));
    }

    WireFrames close(int code, String reason) {
        byte[] r = utf8(reason);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(true, OpCode.OP_CLOSE, p);
    }

    /** Appends bytes as they are (a hand-made header, garbage). */
    WireFrames raw(int... bytes) {
        out.writeBytes(bytes(bytes));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
