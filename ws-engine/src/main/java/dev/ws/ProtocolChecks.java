package dev.ws;

/**
 * The rules a received frame header must follow (RFC 6455 §5.2–§5.5), each mapped to its close
 * code. The decoder parses; this class judges the parsed fields against the connection's state.
 * Every rule lives here once.
 */
public final class ProtocolChecks {

    private ProtocolChecks() {
    }

    /**
     * Checks a received header.
     *
     * @param h           the header just decoded
     * @param side        the side that receives it: a server requires masked frames, a client
     *                    rejects them (§5.1)
     * @param allowedRsv  the RSV bits negotiated extensions may set (0 without extensions, §5.2)
     * @param fragmented  whether a fragmented data message is in progress (§5.4)
     * @throws ProtocolErrorException (1002) naming the rule and the value seen
     */
    public static void checkHeader(FrameHeader h, Side side, int allowedRsv, boolean fragmented)
            throws ProtocolErrorException {
        int op = h.opcode();
        if (OpCode.isReserved(op)) {
            throw new ProtocolErrorException("reserved opcode 0x" + Integer.toHexString(op));
        }
        if ((h.rsv() & ~allowedRsv) != 0) {
            throw new ProtocolErrorException("RSV bits " + h.rsv() + " set without a negotiated extension");
        }
        if (side != null && h.masked() != side.expectsMaskedInput()) {
            throw new ProtocolErrorException(h.masked()
                    ? "masked frame sent by the server (RFC 6455 §5.1)"
                    : "unmasked frame sent by the client (RFC 6455 §5.1)");
        }
        if (OpCode.isControl(op)) {
            if (h.length() > FrameHeader.MAX_CONTROL_PAYLOAD) {
                throw new ProtocolErrorException("control frame payload " + h.length() + " exceeds 125");
            }
            if (!h.fin()) {
                throw new ProtocolErrorException("fragmented control frame: opcode 0x" + Integer.toHexString(op)
                        + " without FIN");
            }
            if (op == OpCode.OP_CLOSE && h.length() == 1) {
                throw new ProtocolErrorException("close payload of 1 byte: a close body starts with a 2-byte code");
            }
        } else if (op == OpCode.OP_CONTINUATION) {
            if (!fragmented) {
                throw new ProtocolErrorException("continuation frame without a message to continue");
            }
        } else if (fragmented) {
            throw new ProtocolErrorException("data frame with opcode 0x" + Integer.toHexString(op)
                    + " while a fragmented message is unfinished (continuation expected)");
        }
    }

    /**
     * RFC 7692 §6: the compression bit RSV1 may be set only on the first frame of a data message.
     *
     * @throws ProtocolErrorException when RSV1 is set on a control or continuation frame
     */
    public static void checkCompressionBit(FrameHeader h) throws ProtocolErrorException {
        if (h.rsv1() && (h.isControl() || h.opcode() == OpCode.OP_CONTINUATION)) {
            throw new ProtocolErrorException("RSV1 set on a " + (h.isControl() ? "control" : "continuation")
                    + " frame (RFC 7692 allows it only on the first frame of a message)");
        }
    }
}
