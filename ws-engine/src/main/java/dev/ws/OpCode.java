package dev.ws;

/**
 * Frame opcodes of RFC 6455 §5.2. Hot code keeps the raw {@code int}; the enum is for APIs.
 * Opcodes 0x3–0x7 and 0xB–0xF are reserved and have no constant: {@link #of(int)} returns null.
 */
public enum OpCode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    /** Raw opcode values, for code that does not want the enum. */
    public static final int OP_CONTINUATION = 0x0, OP_TEXT = 0x1, OP_BINARY = 0x2,
            OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xA;

    private static final OpCode[] BY_CODE = new OpCode[16];

    static {
        for (OpCode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    OpCode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Whether this is a control opcode (close, ping, pong): bit 0x8 set. */
    public boolean isControl() {
        return isControl(code);
    }

    /** The opcode for a 4-bit value, or null when the value is reserved. */
    public static OpCode of(int code) {
        return BY_CODE[code & 0xF];
    }

    /** Whether a raw opcode is a control opcode (RFC 6455 §5.5). */
    public static boolean isControl(int code) {
        return (code & 0x8) != 0;
    }

    /** Whether a raw opcode is reserved for further definition (0x3–0x7, 0xB–0xF). */
    public static boolean isReserved(int code) {
        return BY_CODE[code & 0xF] == null;
    }
}
