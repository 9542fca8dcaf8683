package dev.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Test support: the sample streams every decoder test runs over. Each names the side that receives
 * it (a server receives masked frames, a client unmasked ones) and lists the frames it holds.
 */
final class SampleStreams {

    /** Payload lengths on both sides of each length-form boundary (7-bit, 16-bit, 64-bit). */
    static final int[] BOUNDARY_LENGTHS = {0, 125, 126, 65535, 65536};

    private static final int[] KEYS = {0x37FA213D, 0x00000000, 0xFFFFFFFF, 0x80000001, 0x01020304};

    /** One sample stream and the frames a decoder must report for it. */
    record Sample(String name, Side receiver, int allowedRsv, List<DecodedFrame> frames, byte[] wire) {
        FrameDecoder newDecoder() {
            FrameDecoder d = new FrameDecoder(receiver, 1 << 20);
            d.allowedRsv(allowedRsv);
            return d;
        }

        @Override
        public String toString() {
            return name + " (" + wire.length + " bytes)";
        }
    }

    private SampleStreams() {
    }

    /** All samples, for both receiving sides. */
    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (Side side : Side.values()) {
            for (int length : BOUNDARY_LENGTHS) {
                samples.add(new Builder("text " + length, side).add(true, 0, OpCode.OP_TEXT, length).build());
                samples.add(new Builder("binary " + length, side).add(true, 0, OpCode.OP_BINARY, length).build());
            }
            samples.add(controlFrames(side));
            samples.add(fragmentedWithControlsBetween(side));
            samples.add(new Builder("rsv1 message then fragments", side).allowedRsv(FrameHeader.RSV1)
                    .add(false, FrameHeader.RSV1, OpCode.OP_TEXT, 126)
                    .add(true, 0, OpCode.OP_CONTINUATION, 3)
                    .add(true, FrameHeader.RSV1, OpCode.OP_BINARY, 0)
                    .build());
        }
        return samples;
    }

    /** Only the samples whose wire form is small enough to cut at every boundary quickly. */
    static List<Sample> small() {
        return all().stream().filter(s -> s.wire().length < 4096).toList();
    }

    static List<Sample> large() {
        return all().stream().filter(s -> s.wire().length >= 4096).toList();
    }

    private static Sample controlFrames(Side side) {
        return new Builder("control frames", side)
                .add(true, 0, OpCode.OP_PING, 0)
                .add(true, 0, OpCode.OP_PING, 125)
                .add(true, 0, OpCode.OP_PONG, 0)
                .add(true, 0, OpCode.OP_PONG, 125)
                .add(true, 0, OpCode.OP_CLOSE, new byte[0])
                .add(true, 0, OpCode.OP_CLOSE, CloseStatus.of(1000).toPayload())
                .add(true, 0, OpCode.OP_CLOSE, new CloseStatus(4000, "x".repeat(200)).toPayload())
                .build();
    }

    private static Sample fragmentedWithControlsBetween(Side side) {
        return new Builder("fragmented messages with control frames between", side)
                .add(false, 0, OpCode.OP_TEXT, 126)
                .add(true, 0, OpCode.OP_PING, 5)
                .add(false, 0, OpCode.OP_CONTINUATION, 0)
                .add(true, 0, OpCode.OP_PONG, 0)
                .add(false, 0, OpCode.OP_CONTINUATION, 1)
                .add(true, 0, OpCode.OP_CONTINUATION, 125)
                .add(false, 0, OpCode.OP_BINARY, 0)
                .add(true, 0, OpCode.OP_CLOSE, CloseStatus.of(1001).toPayload())
                .add(true, 0, OpCode.OP_CONTINUATION, 300)
                .add(true, 0, OpCode.OP_TEXT, 7)
                .build();
    }

    /** Builds a stream frame by frame, masking for a server receiver. */
    static final class Builder {
        private final String name;
        private final Side receiver;
        private int allowedRsv;
        private final List<DecodedFrame> frames = new ArrayList<>();
        private final List<byte[]> wire = new ArrayList<>();

        Builder(String name, Side receiver) {
            this.name = name + " to " + receiver;
            this.receiver = receiver;
        }

        Builder allowedRsv(int rsv) {
            this.allowedRsv = rsv;
            return this;
        }

        Builder add(boolean fin, int rsv, int opcode, int length) {
            return add(fin, rsv, opcode, WireFrames.payload(length, frames.size()));
        }

        Builder add(boolean fin, int rsv, int opcode, byte[] payload) {
            boolean masked = receiver.expectsMaskedInput();
            int key = masked ? KEYS[frames.size() % KEYS.length] : 0;
            frames.add(new DecodedFrame(fin, rsv, opcode, masked, key, payload.length, payload));
            wire.add(WireFrames.frame(fin, rsv, opcode, masked, key, payload));
            return this;
        }

        Sample build() {
            return new Sample(name, receiver, allowedRsv, List.copyOf(frames),
                    WireFrames.concat(wire.toArray(byte[][]::new)));
        }
    }
}
