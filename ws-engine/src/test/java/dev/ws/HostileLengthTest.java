package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Pins that a declared payload length is never trusted with memory (RFC 6455 §10.4): a header that
 * announces 2^62 bytes ends with 1009 before anything near that size is allocated, measured with
 * the thread's allocation counter ({@link AllocationCounter}).
 */
class HostileLengthTest {

    /** Generous: the exception and its message cost a few hundred bytes; a payload would cost far more. */
    private static final long ALLOCATION_BOUND = 64 * 1024;
    private static final long DECLARED = 1L << 62;

    @Test
    void decoderRejects2Pow62BytesWith1009WithoutAllocating() {
        byte[] wire = WireFrames.header(true, 0, OpCode.OP_BINARY, true, 0x01020304, DECLARED);
        FrameDecoder decoder = new FrameDecoder(Side.SERVER, 16 << 20);
        ByteBuffer in = ByteBuffer.wrap(wire);
        for (int warm = 0; warm < 3; warm++) { // load classes and resolve call sites outside the measurement
            decodeFailure(new FrameDecoder(Side.SERVER, 16 << 20), ByteBuffer.wrap(wire));
        }
        long before = AllocationCounter.allocatedBytes();
        MessageTooBigException e = decodeFailure(decoder, in);
        long allocated = AllocationCounter.allocatedBytes() - before;

        assertThat(e).hasMessage("frame payload " + DECLARED + " exceeds the limit of " + (16 << 20));
        assertThat(e.closeCode()).isEqualTo(1009);
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void readFrameRejects2Pow62BytesWith1009WithoutAllocating() {
        byte[] wire = WireFrames.header(true, 0, OpCode.OP_BINARY, true, 0x01020304, DECLARED);
        for (int warm = 0; warm < 3; warm++) {
            readFailure(wire, Side.SERVER, 16 << 20);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        long before = AllocationCounter.allocatedBytes();
        MessageTooBigException e = catchThrowableOfType(MessageTooBigException.class,
                () -> FrameIO.readFrame(in, Side.SERVER, 16 << 20, false));
        long allocated = AllocationCounter.allocatedBytes() - before;

        assertThat(e).hasMessage("frame payload " + DECLARED + " exceeds the limit of " + (16 << 20));
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    /**
     * Regression: with a limit above what an array can hold, readFrame used to cast the declared
     * length to int (2^32 + 5 became 5), read the wrong number of bytes and lose frame sync.
     */
    @Test
    void readFrameRejectsLengthsNoArrayCanHoldEvenWithoutALimit() {
        for (long declared : new long[] {DECLARED, (1L << 32) + 5, Integer.MAX_VALUE + 1L}) {
            byte[] wire = WireFrames.concat(WireFrames.header(true, 0, OpCode.OP_BINARY, false, 0, declared), new byte[64]);
            MessageTooBigException e = readFailure(wire, Side.CLIENT, Long.MAX_VALUE);
            assertThat(e).as("declared %d", declared).isNotNull()
                    .hasMessageContaining("frame payload " + declared + " exceeds");
        }
    }

    @Test
    void decoderStreamsLargeDeclaredLengthsWithinItsLimitWithoutAllocating() throws WebSocketException {
        byte[] wire = WireFrames.concat(WireFrames.header(true, 0, OpCode.OP_BINARY, false, 0, DECLARED), new byte[4096]);
        int[] events = new int[3];
        for (int warm = 0; warm < 3; warm++) {
            decodeThree(new FrameDecoder(Side.CLIENT, Long.MAX_VALUE), ByteBuffer.wrap(wire), events);
        }
        FrameDecoder decoder = new FrameDecoder(Side.CLIENT, Long.MAX_VALUE);
        ByteBuffer in = ByteBuffer.wrap(wire);
        long before = AllocationCounter.allocatedBytes();
        decodeThree(decoder, in, events);
        long allocated = AllocationCounter.allocatedBytes() - before;
        assertThat(events).containsExactly(FrameDecoder.HEADER, FrameDecoder.PAYLOAD, FrameDecoder.NEED_MORE);
        assertThat(decoder.payloadRemaining()).isEqualTo(DECLARED - 4096);
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    private static void decodeThree(FrameDecoder decoder, ByteBuffer in, int[] events) throws WebSocketException {
        for (int i = 0; i < events.length; i++) {
            events[i] = decoder.decode(in);
        }
    }

    private static MessageTooBigException decodeFailure(FrameDecoder decoder, ByteBuffer in) {
        return catchThrowableOfType(MessageTooBigException.class, () -> decoder.decode(in));
    }

    private static MessageTooBigException readFailure(byte[] wire, Side side, long limit) {
        return catchThrowableOfType(MessageTooBigException.class,
                () -> FrameIO.readFrame(new ByteArrayInputStream(wire), side, limit, false));
    }
}
