package dev.ws.message;

import dev.ws.OpCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A whole data message held in memory, as the {@link WebSockets} helpers return it. The payload
 * array is not copied: whoever holds the record owns it. Equality compares the bytes.
 *
 * @param opCode  {@link OpCode#TEXT} or {@link OpCode#BINARY}
 * @param payload the message bytes (valid UTF-8 for a received text message)
 */
public record Message(OpCode opCode, byte[] payload) {

    public Message {
        Objects.requireNonNull(opCode, "opCode");
        Objects.requireNonNull(payload, "payload");
    }

    /** A text message of the UTF-8 bytes of {@code text}. */
    public static Message text(String text) {
        return new Message(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message of {@code data} (not copied). */
    public static Message binary(byte[] data) {
        return new Message(OpCode.BINARY, data);
    }

    /** The payload decoded as UTF-8. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && opCode == m.opCode && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return 31 * opCode.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Message[" + opCode + ", " + payload.length + " bytes]";
    }
}
