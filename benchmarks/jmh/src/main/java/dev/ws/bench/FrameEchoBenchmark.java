package dev.ws.bench;

import dev.ws.FrameDecoder;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.Masking;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claim: the low-level API echoes a frame without allocating. One operation: decode a masked client
 * frame from the read buffer ({@link FrameDecoder}: header, payload unmasked in place, frame end),
 * then encode the unmasked server frame with a reused {@link FrameEncoder} into the write buffer.
 * No sockets: this is the per-frame CPU cost a server adds to its I/O.
 *
 * <p>The read buffer is decoded again each time without refilling it, so the payload alternates
 * between masked and unmasked bytes; the work is the same either way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FrameEchoBenchmark {

    @Param({"16", "125", "1024", "16384"})
    public int size;

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuffer in;
    private ByteBuffer payloadView;
    private ByteBuffer out;
    private final FrameDecoder decoder = new FrameDecoder(Side.SERVER, 1 << 20);
    private final FrameEncoder encoder = FrameEncoder.server();

    @Setup
    public void setup() {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        FrameHeader h = new FrameHeader().set(true, 0, OpCode.OP_BINARY, size).mask(0x37FA213D);
        boolean direct = buffer.equals("direct");
        in = direct ? ByteBuffer.allocateDirect(size + 14) : ByteBuffer.allocate(size + 14);
        out = direct ? ByteBuffer.allocateDirect(size + 14) : ByteBuffer.allocate(size + 14);
        int at = FrameEncoder.writeHeader(h, in);
        in.put(payload);
        Masking.apply(in, at, at + size, h.maskKey(), 0);
        in.flip();
        payloadView = in.duplicate();
    }

    @Benchmark
    public int echo() throws WebSocketException {
        in.position(0);
        out.clear();
        int event;
        while ((event = decoder.decode(in)) != FrameDecoder.FRAME_END) {
            if (event == FrameDecoder.PAYLOAD) {
                // the whole payload is in the buffer: one chunk (a partial one would be queued instead)
                payloadView.limit(decoder.payloadEnd()).position(decoder.payloadStart());
            } else if (event == FrameDecoder.NEED_MORE) {
                throw new AssertionError("frame incomplete");
            }
        }
        FrameHeader h = decoder.header();
        if (h.length() == 0) {
            payloadView.limit(0);
        }
        encoder.begin(h.opcode(), h.fin(), h.rsv(), payloadView);
        if (!encoder.encode(out)) {
            throw new AssertionError("output buffer too small");
        }
        return out.position();
    }
}
