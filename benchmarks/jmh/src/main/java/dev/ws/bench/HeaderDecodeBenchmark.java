package dev.ws.bench;

import dev.ws.FrameDecoder;
import dev.ws.FrameEncoder;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;
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
 * Claim: decoding a frame header costs at most 5 ns and allocates nothing. One operation is what a
 * connection pays per frame: {@link FrameDecoder#decode} of a complete header (parse, minimal-length
 * and MSB rules, {@code ProtocolChecks}, the size limit) up to its HEADER event. The decoder is
 * {@code reset()} each time because the payload is not there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeaderDecodeBenchmark {

    /** Payload lengths on both sides of each length-form boundary. */
    @Param({"0", "125", "126", "65535", "65536", "1048576"})
    public int length;

    /** Masked headers are client-to-server (4 more bytes); unmasked ones server-to-client. */
    @Param({"true", "false"})
    public boolean masked;

    @Param({"heap", "direct"})
    public String buffer;

    private FrameDecoder decoder;
    private ByteBuffer in;

    @Setup
    public void setup() {
        FrameHeader h = new FrameHeader().set(true, 0, OpCode.OP_BINARY, length);
        if (masked) {
            h.mask(0x37FA213D);
        }
        in = buffer.equals("direct") ? ByteBuffer.allocateDirect(FrameHeader.MAX_HEADER_SIZE)
                : ByteBuffer.allocate(FrameHeader.MAX_HEADER_SIZE);
        FrameEncoder.writeHeader(h, in);
        in.flip();
        decoder = new FrameDecoder(masked ? Side.SERVER : Side.CLIENT, 16 << 20);
    }

    /**
     * The harness alone (rewind the input, reset the decoder, read the header field): what
     * {@link #decodeHeader} costs beyond the decoder's own work.
     */
    @Benchmark
    public long harnessOnly() {
        in.rewind();
        decoder.reset();
        return decoder.header().length();
    }

    @Benchmark
    public long decodeHeader() throws WebSocketException {
        in.rewind();
        decoder.reset();
        if (decoder.decode(in) != FrameDecoder.HEADER) {
            throw new AssertionError();
        }
        return decoder.header().length();
    }
}
