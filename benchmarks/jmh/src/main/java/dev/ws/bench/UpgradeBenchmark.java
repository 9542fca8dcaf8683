package dev.ws.bench;

import dev.ws.HandshakeResult;
import dev.ws.Upgrader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * Claim: the sans-I/O upgrade of a typical browser request (Chrome's headers, 540 bytes, a
 * permessage-deflate offer the upgrader does not negotiate) takes well under 1 µs and allocates
 * nothing, with the event loop's buffers and {@link HandshakeResult} reused: parse, checks, accept
 * key, 101 response. {@code router} adds the {@code onHead} check a server's router makes (path
 * lookup without a String); {@code rejected} is a bad key answered with the prebuilt 400;
 * {@code needMore} is a head missing its last bytes (the re-scan an event loop pays per partial read).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpgradeBenchmark {

    static final String BROWSER_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Connection: Upgrade\r\n"
            + "Pragma: no-cache\r\n"
            + "Cache-Control: no-cache\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n"
            + "Upgrade: websocket\r\n"
            + "Origin: https://server.example.com\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            + "\r\n";

    @Param({"heap", "direct"})
    public String buffer;

    private Upgrader plain;
    private Upgrader router;
    private ByteBuffer request;
    private ByteBuffer partial;
    private ByteBuffer badKey;
    private ByteBuffer out;
    private final HandshakeResult result = new HandshakeResult();

    @Setup
    public void setup() {
        plain = Upgrader.builder().build();
        router = Upgrader.builder().onHead((head, r) -> {
            if (!"/chat".contentEquals(head.path())) {
                throw new AssertionError("unknown path");
            }
        }).build();
        request = buffer(BROWSER_REQUEST);
        partial = buffer(BROWSER_REQUEST.substring(0, BROWSER_REQUEST.length() - 2));
        badKey = buffer(BROWSER_REQUEST.replace("dGhlIHNhbXBsZSBub25jZQ==", "not-a-valid-key!"));
        out = buffer.equals("direct") ? ByteBuffer.allocateDirect(plain.responseBufferSize())
                : ByteBuffer.allocate(plain.responseBufferSize());
        check(plain, request, Upgrader.UPGRADED);
        check(router, request, Upgrader.UPGRADED);
        check(plain, partial, Upgrader.NEED_MORE);
        check(plain, badKey, Upgrader.REJECTED);
    }

    private ByteBuffer buffer(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = buffer.equals("direct") ? ByteBuffer.allocateDirect(b.length) : ByteBuffer.allocate(b.length);
        return buf.put(b).flip();
    }

    private void check(Upgrader upgrader, ByteBuffer in, int expected) {
        if (run(upgrader, in) != expected) {
            throw new AssertionError("expected " + expected + ": " + result);
        }
    }

    private int run(Upgrader upgrader, ByteBuffer in) {
        in.position(0);
        out.clear();
        return upgrader.upgrade(in, out, result);
    }

    @Benchmark
    public int upgrade() {
        return run(plain, request);
    }

    @Benchmark
    public int routerOnHead() {
        return run(router, request);
    }

    @Benchmark
    public int rejected() {
        return run(plain, badKey);
    }

    @Benchmark
    public int needMore() {
        return run(plain, partial);
    }
}
