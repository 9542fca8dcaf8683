package dev.ws.server;

import dev.ws.Frame;
import dev.ws.OpCode;
import dev.ws.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message encoded once as a server frame and sent to many sessions (broadcast): server frames
 * are not masked, so every session gets the same bytes. Immutable and thread-safe.
 */
public final class PreparedMessage {

    private final OpCode opCode;
    private final byte[] frame;
    private final int payloadLength;

    private PreparedMessage(OpCode opCode, byte[] payload) {
        this.opCode = opCode;
        this.payloadLength = payload.length;
        this.frame = new Frame(true, 0, opCode, ByteBuffer.wrap(payload)).compile(Side.SERVER, null);
    }

    public static PreparedMessage text(String text) {
        return new PreparedMessage(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static PreparedMessage binary(byte[] data) {
        return new PreparedMessage(OpCode.BINARY, data.clone());
    }

    public OpCode opCode() {
        return opCode;
    }

    /** The payload size (without the frame header). */
    public int payloadLength() {
        return payloadLength;
    }

    /** A read-only view of the encoded frame. */
    ByteBuffer frame() {
        return ByteBuffer.wrap(frame).asReadOnlyBuffer();
    }

    /**
     * A read-only view of the payload (without the frame header): for sessions that must encode it
     * differently (compressed), and for carrying the message to other nodes (cluster broadcast).
     */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(frame, frame.length - payloadLength, payloadLength).slice().asReadOnlyBuffer();
    }
}
