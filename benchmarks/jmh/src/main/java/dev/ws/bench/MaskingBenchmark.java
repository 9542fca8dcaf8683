package dev.ws.bench;

import dev.ws.Masking;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Claim: {@link Masking#apply} reaches at least 40 GB/s at 1 KiB and 64 KiB, in place, allocation
 * free, on a heap array and on a direct buffer (in the default big-endian order a socket buffer
 * has, and little-endian). The key starts mid-word (phase 3), as it does for a resumed chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MaskingBenchmark {

    @Param({"16", "125", "1024", "65536"})
    public int size;

    private static final int KEY = 0x37FA213D;
    private static final long PHASE = 3;

    private byte[] array;
    private ByteBuffer directBigEndian;
    private ByteBuffer directLittleEndian;

    @Setup
    public void setup() {
        array = new byte[size];
        new Random(size).nextBytes(array);
        directBigEndian = ByteBuffer.allocateDirect(size).put(array).clear();
        directLittleEndian = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN).put(array).clear();
    }

    @Benchmark
    public void heapArray() {
        Masking.apply(array, 0, size, KEY, PHASE);
    }

    @Benchmark
    public void directBuffer() {
        Masking.apply(directBigEndian, 0, size, KEY, PHASE);
    }

    @Benchmark
    public void directBufferLittleEndian() {
        Masking.apply(directLittleEndian, 0, size, KEY, PHASE);
    }
}
