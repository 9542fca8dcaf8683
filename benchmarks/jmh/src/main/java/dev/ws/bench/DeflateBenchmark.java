package dev.ws.bench;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.WebSocketException;
import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.MessageInflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.message.InboundExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * permessage-deflate: compress (server to client) and inflate (client to server) JSON-like
 * messages of 1 KiB and 64 KiB, with and without context takeover, at level 6. {@code windowBits}
 * 15 uses the JDK's zlib; 9 (a client asking {@code server_max_window_bits=9}, conformance 13.3)
 * uses the pure-Java window-honest deflater. Throughput in messages/s: MB/s = ops/s x size.
 * Run with {@code -prof gc}: the allocation-free forms should show about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeflateBenchmark {

    /** Distinct messages cycled through, so that context takeover sees a realistic stream. */
    private static final int MESSAGES = 32;

    @Param({"1024", "65536"})
    int size;

    @Param({"false", "true"})
    boolean contextTakeover;

    @Param({"15", "9"})
    int windowBits;

    private PerMessageDeflate config;
    private MessageDeflater deflater;
    private MessageInflater inflater;
    private final ByteBuffer[] messages = new ByteBuffer[MESSAGES];
    private final ByteBuffer[] compressed = new ByteBuffer[MESSAGES];
    private ByteBuffer dst;
    private final FrameHeader firstFrame = new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_TEXT, 0);
    private long inflatedBytes;
    private final InboundExtension.Sink sink = b -> inflatedBytes += b.remaining();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        config = PerMessageDeflate.builder().outboundContextTakeover(contextTakeover)
                .inboundContextTakeover(contextTakeover).inboundMaxWindowBits(windowBits).build();
        NegotiatedDeflate server = config.negotiate(config.offers());
        NegotiatedDeflate client = config.acceptResponse(List.of(server.responseOption()));
        if (server.outboundWindowBits() != windowBits || server.outboundResetsContext() == contextTakeover
                || client.inboundResetsContext() == contextTakeover) {
            throw new IllegalStateException("unexpected negotiation: " + server);
        }
        deflater = server.newDeflater();
        inflater = client.newInflater();
        dst = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(size));
        try (MessageDeflater sender = server.newDeflater()) {
            for (int i = 0; i < MESSAGES; i++) {
                messages[i] = ByteBuffer.wrap(json(i, size));
                ByteBuffer c = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(size));
                sender.compress(messages[i].duplicate(), c);
                compressed[i] = c.flip().slice();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        deflater.close();
        inflater.close();
        config.close();
    }

    /** One message compressed into a reused buffer: the server writer's path. */
    @Benchmark
    public int compress() {
        ByteBuffer m = messages[next];
        next = (next + 1) % MESSAGES;
        m.clear();
        dst.clear();
        return deflater.compress(m, dst);
    }

    /** One compressed message inflated through the message layer's inbound extension. */
    @Benchmark
    public long decompress() throws WebSocketException {
        ByteBuffer c = compressed[next];
        next = (next + 1) % MESSAGES;
        c.clear();
        inflater.startMessage(firstFrame);
        inflater.transform(c, true, size, sink);
        return inflatedBytes;
    }

    /** JSON-like records as chat and market-data feeds send them; deterministic per seed. */
    static byte[] json(long seed, int size) {
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 256).append('[');
        int id = r.nextInt(100000);
        while (sb.length() < size) {
            sb.append("{\"id\":").append(id++).append(",\"user\":\"").append(words[r.nextInt(words.length)])
              .append(r.nextInt(1000)).append("\",\"price\":").append(r.nextInt(100000) / 100.0)
              .append(",\"tags\":[\"").append(words[r.nextInt(words.length)]).append("\"],\"active\":")
              .append(r.nextBoolean()).append("},");
        }
        return java.util.Arrays.copyOf(sb.toString().getBytes(StandardCharsets.UTF_8), size);
    }
}
