package dev.ws;

import java.util.Arrays;

/** Test support: one frame as a decoder reported it, header fields and the unmasked payload. */
record DecodedFrame(boolean fin, int rsv, int opcode, boolean masked, int maskKey, long length, byte[] payload) {

    static DecodedFrame of(FrameHeader h, byte[] payload) {
        return new DecodedFrame(h.fin(), h.rsv(), h.opcode(), h.masked(), h.maskKey(), h.length(), payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedFrame f && fin == f.fin && rsv == f.rsv && opcode == f.opcode
                && masked == f.masked && maskKey == f.maskKey && length == f.length
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Long.hashCode(length) + opcode;
    }

    @Override
    public String toString() {
        return "DecodedFrame[op=" + opcode + (fin ? " fin" : "") + " rsv=" + rsv
                + (masked ? " key=" + Integer.toHexString(maskKey) : "") + " length=" + length
                + " payload=" + WireFrames.hex(payload) + "]";
    }
}
