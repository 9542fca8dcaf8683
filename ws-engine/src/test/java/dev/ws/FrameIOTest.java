package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link FrameIO} over streams: a clean end of stream between frames is not an error, one
 * inside a header or payload is an {@link EOFException}; each frame and each header leaves in a
 * single {@code write}, so writers that serialise on the stream never interleave.
 */
class FrameIOTest {

    private static final int KEY = 0x0A0B0C0D;

    @Test
    void cleanEndOfStreamBetweenFramesIsNotAnError() throws IOException {
        FrameHeader h = new FrameHeader();
        assertThat(FrameIO.readHeader(new ByteArrayInputStream(new byte[0]), new byte[14], h)).isFalse();
        assertThat(FrameIO.readFrame(new ByteArrayInputStream(new byte[0]), Side.SERVER, 100, false)).isNull();
        ByteArrayInputStream one = new ByteArrayInputStream(WireFrames.frame(true, 0, OpCode.OP_TEXT, true, KEY, new byte[3]));
        assertThat(FrameIO.readFrame(one, Side.SERVER, 100, false)).isNotNull();
        assertThat(FrameIO.readFrame(one, Side.SERVER, 100, false)).isNull();
    }

    @Test
    void endOfStreamInsideAHeaderIsAnEofException() {
        for (int length : new int[] {0, 126, 65536}) {
            for (boolean masked : new boolean[] {false, true}) {
                byte[] header = WireFrames.header(true, 0, OpCode.OP_BINARY, masked, KEY, length);
                for (int cut = 1; cut < header.length; cut++) {
                    byte[] partial = Arrays.copyOf(header, cut);
                    assertThat(catchThrowable(() -> FrameIO.readHeader(new ByteArrayInputStream(partial), new byte[14],
                            new FrameHeader()))).as("%d of %d header bytes", cut, header.length)
                            .isExactlyInstanceOf(EOFException.class);
                    assertThat(catchThrowable(() -> FrameIO.readFrame(new ByteArrayInputStream(partial),
                            masked ? Side.SERVER : Side.CLIENT, 1 << 20, false))).isExactlyInstanceOf(EOFException.class);
                }
            }
        }
    }

    @Test
    void endOfStreamInsideAPayloadIsAnEofException() {
        byte[] wire = WireFrames.frame(true, 0, OpCode.OP_BINARY, true, KEY, new byte[300]);
        byte[] partial = Arrays.copyOf(wire, wire.length - 1);
        Throwable e = catchThrowable(() -> FrameIO.readFrame(new ByteArrayInputStream(partial), Side.SERVER, 1000, false));
        assertThat(e).isExactlyInstanceOf(EOFException.class).hasMessage("stream ended after 299 of 300 bytes");
    }

    @Test
    void readFrameUnmasksAndReturnsTheFrame() throws IOException {
        byte[] payload = WireFrames.payload(70_000, 1);
        byte[] wire = WireFrames.frame(false, 0, OpCode.OP_BINARY, true, KEY, payload);
        Frame f = FrameIO.readFrame(new ByteArrayInputStream(wire), Side.SERVER, 1 << 20, false);
        assertThat(f.fin()).isFalse();
        assertThat(f.opCode()).isEqualTo(OpCode.BINARY);
        assertThat(f.payload().array()).isEqualTo(payload);
    }

    @Test
    void readFrameLetsAllowedRsvBitsThroughOnAMessagesFirstFrameOnly() throws IOException {
        byte[] compressed = WireFrames.frame(true, FrameHeader.RSV1, OpCode.OP_TEXT, true, KEY, new byte[] {1, 2});
        assertThat(catchThrowable(() -> FrameIO.readFrame(new ByteArrayInputStream(compressed), Side.SERVER, 100, false)))
                .as("no extension: RSV1 is a protocol error").isInstanceOf(ProtocolErrorException.class);
        Frame f = FrameIO.readFrame(new ByteArrayInputStream(compressed), Side.SERVER, 100, false, FrameHeader.RSV1);
        assertThat(f.rsv()).isEqualTo(FrameHeader.RSV1);
        assertThat(f.payload().array()).containsExactly(1, 2);
        byte[] continuation = WireFrames.frame(true, FrameHeader.RSV1, OpCode.OP_CONTINUATION, true, KEY, new byte[1]);
        assertThat(catchThrowable(() -> FrameIO.readFrame(new ByteArrayInputStream(continuation), Side.SERVER, 100,
                true, FrameHeader.RSV1))).isInstanceOf(ProtocolErrorException.class);
        byte[] ping = WireFrames.frame(true, FrameHeader.RSV1, OpCode.OP_PING, true, KEY, new byte[1]);
        assertThat(catchThrowable(() -> FrameIO.readFrame(new ByteArrayInputStream(ping), Side.SERVER, 100,
                false, FrameHeader.RSV1))).isInstanceOf(ProtocolErrorException.class);
    }

    @Test
    void readHeaderNeedsAFullSizeScratch() {
        assertThat(catchThrowable(() -> FrameIO.readHeader(new ByteArrayInputStream(new byte[2]), new byte[13],
                new FrameHeader()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14");
    }

    @Test
    void writeFrameIssuesASingleWrite() throws IOException {
        for (Side side : Side.values()) {
            for (int length : SampleStreams.BOUNDARY_LENGTHS) {
                byte[] payload = WireFrames.payload(length, 9);
                ByteBuffer buf = ByteBuffer.wrap(payload.clone());
                CountingOutputStream out = new CountingOutputStream();
                FrameIO.writeFrame(out, new Frame(true, 0, OpCode.BINARY, buf), side, () -> KEY);
                assertThat(out.writes).as("%s, %d bytes", side, length).isEqualTo(1);
                assertThat(out.bytes.toByteArray())
                        .isEqualTo(WireFrames.frame(true, 0, OpCode.OP_BINARY, side.masksOutput(), KEY, payload));
                assertThat(buf.array()).as("payload untouched").isEqualTo(payload);
            }
        }
    }

    @Test
    void writeHeaderIssuesASingleWrite() throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        FrameHeader h = new FrameHeader().set(true, 0, OpCode.OP_TEXT, 70_000).mask(KEY);
        FrameIO.writeHeader(out, h, new byte[14]);
        assertThat(out.writes).isEqualTo(1);
        assertThat(out.bytes.toByteArray()).isEqualTo(WireFrames.header(true, 0, OpCode.OP_TEXT, true, KEY, 70_000));
    }

    @Test
    void readFullyFailsShortOfTheLength() {
        assertThat(catchThrowable(() -> FrameIO.readFully(new ByteArrayInputStream(new byte[3]), new byte[5], 0, 5)))
                .isInstanceOf(EOFException.class).hasMessage("stream ended after 3 of 5 bytes");
    }

    /** Counts write calls, whatever their form. */
    static final class CountingOutputStream extends OutputStream {
        int writes;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }
    }
}
