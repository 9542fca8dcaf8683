package dev.ws.bench;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.MessageInflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory a compressed connection holds between messages: heap (after GC) and resident memory
 * outside the heap (zlib's native state), per connection, for each context-takeover choice.
 * Each simulated connection has the server's deflater and inflater, as a session holds them, and
 * has compressed and inflated one 1 KiB JSON-like message. Not a JMH benchmark: run it as
 * {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp benchmarks/jmh/target/benchmarks.jar dev.ws.bench.DeflateMemory [connections]}.
 */
public final class DeflateMemory {

    private DeflateMemory() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        for (boolean takeover : new boolean[] {true, false}) {
            measure(n, takeover, 15);
        }
        measure(n, true, 9);
    }

    private static void measure(int n, boolean takeover, int windowBits) throws Exception {
        PerMessageDeflate config = PerMessageDeflate.builder().outboundContextTakeover(takeover)
                .inboundContextTakeover(takeover).inboundMaxWindowBits(windowBits).build();
        NegotiatedDeflate server = config.negotiate(config.offers());
        NegotiatedDeflate client = config.acceptResponse(List.of(server.responseOption()));
        byte[] message = DeflateBenchmark.json(1, 1024);
        ByteBuffer compressed = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(message.length));
        try (MessageDeflater sender = client.newDeflater()) {
            sender.compress(ByteBuffer.wrap(message), compressed);
        }
        compressed.flip();
        ByteBuffer out = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(message.length));
        FrameHeader first = new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_TEXT, 0);

        long heap0 = heapAfterGc();
        long rss0 = rss();
        List<Object[]> connections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MessageDeflater d = server.newDeflater();
            MessageInflater f = server.newInflater();
            out.clear();
            d.compress(ByteBuffer.wrap(message), out);
            f.startMessage(first);
            f.transform(compressed.duplicate(), true, message.length, b -> { });
            connections.add(new Object[] {d, f});
        }
        long heap1 = heapAfterGc();
        long rss1 = rss();
        System.out.printf("context takeover %-5s window %2d: %,d connections: heap %,d B/conn, native (RSS) %,d B/conn%n",
                takeover, windowBits, n, (heap1 - heap0) / n, (rss1 - rss0) / n);
        for (Object[] c : connections) {
            ((MessageDeflater) c[0]).close();
            ((MessageInflater) c[1]).close();
        }
        config.close();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
