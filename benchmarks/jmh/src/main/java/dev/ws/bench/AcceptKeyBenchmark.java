package dev.ws.bench;

import dev.ws.AcceptKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claim: the {@code Sec-WebSocket-Accept} value costs at most 150 ns and allocates nothing when the
 * {@link AcceptKey} (its {@code MessageDigest}) and the 28-byte output are reused, as the upgrader
 * does through its {@code HandshakeResult}. {@code ofString} is the allocating convenience, for
 * comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AcceptKeyBenchmark {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
    private final byte[] accept = new byte[AcceptKey.ACCEPT_LENGTH];
    private AcceptKey acceptKey;

    @Setup
    public void setup() {
        acceptKey = new AcceptKey();
        acceptKey.compute(key, 0, key.length, accept);
        if (!new String(accept, StandardCharsets.US_ASCII).equals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) {
            throw new AssertionError("RFC 6455 example key gives " + new String(accept, StandardCharsets.US_ASCII));
        }
    }

    @Benchmark
    public byte[] reused() {
        acceptKey.compute(key, 0, key.length, accept);
        return accept;
    }

    @Benchmark
    public String ofString() {
        return AcceptKey.of(KEY);
    }
}
