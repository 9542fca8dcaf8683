package dev.ws.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark scenarios. Each opens its connections, runs for a bounded time, closes every connection it opened and
 * returns one flat result object (see {@code benchmarks/README.md} for the fields). A scenario that cannot run returns
 * {@code ok=false} with an {@code error} instead of throwing.
 *
 * <p>Called from one thread (not an event loop) at a time.
 */
final class Scenarios {

    /** The echo endpoint every server offers. */
    static final String ECHO_PATH = "/echo";
    /** The broadcast endpoint every server offers. */
    static final String BROADCAST_PATH = "/broadcast";
    static final String BROADCAST_PREFIX = "broadcast:";

    /** Handshakes in progress at once while opening many connections. */
    private static final int OPEN_CONCURRENCY = 256;
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final long MASK_SEED = 0x5EED_CAFEL;

    private final LoadClient client;
    private final String server;
    private final int opcode;
    private final ProcessProbe serverProbe;
    private final ProcessProbe self = ProcessProbe.self();

    /**
     * @param client the Netty client aimed at the server
     * @param server the server's name in results
     * @param opcode {@link WsConnection#OP_BINARY} or {@link WsConnection#OP_TEXT} for echo messages
     * @param serverPid the server's process id, or 0 when unknown (no CPU or memory figures then)
     */
    Scenarios(LoadClient client, String server, int opcode, long serverPid) {
        this.client = client;
        this.server = server;
        this.opcode = opcode;
        this.serverProbe = serverPid > 0 ? new ProcessProbe(serverPid) : null;
    }

    private Map<String, Object> result(String scenario) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("server", server);
        r.put("scenario", scenario);
        return r;
    }

    private static Map<String, Object> failed(Map<String, Object> r, String error) {
        r.put("ok", false);
        r.put("error", error);
        return r;
    }

    /**
     * Echo load: {@code conns} connections each keep {@code window} messages of {@code size} bytes in flight.
     * {@code scenario} names it in the result: "throughput", or "latency" with a window of 1.
     */
    Map<String, Object> echo(String scenario, int conns, int size, int window, Duration warmup, Duration measure)
            throws InterruptedException {
        Map<String, Object> r = result(scenario);
        r.put("conns", conns);
        r.put("size", size);
        r.put("window", window);
        r.put("opcode", opcode == WsConnection.OP_TEXT ? "text" : "binary");
        r.put("warmup_s", warmup.toMillis() / 1000.0);
        r.put("measure_s", measure.toMillis() / 1000.0);
        FrameRing ring = new FrameRing(size, opcode, MASK_SEED + size);
        client.resetAllStats();
        List<EchoConnection> all;
        try {
            all = client.openAll(conns, OPEN_CONCURRENCY, i -> new EchoConnection(client,
                    new Handshake(client.host(), client.port(), ECHO_PATH), ring, window), OPEN_TIMEOUT);
        } catch (TimeoutException e) {
            return failed(r, e.getMessage());
        }
        try {
            String openFailure = firstFailure(all);
            if (openFailure != null) {
                return failed(r, countFailures(all) + " of " + conns + " connections failed: " + openFailure);
            }
            for (EchoConnection c : all) {
                c.start();
            }
            Thread.sleep(warmup.toMillis());
            client.resetStats();
            CpuSample cpu0 = sampleCpu();
            Thread.sleep(measure.toMillis());
            LoopStats.Snapshot s = client.snapshot();
            CpuSample cpu1 = sampleCpu();
            for (EchoConnection c : all) {
                c.stop();
            }
            boolean drained = drain();
            LoopStats.Snapshot end = client.snapshot();
            double seconds = (cpu1.nanos() - cpu0.nanos()) / 1e9;
            r.put("msgs", s.messages());
            r.put("msgs_per_s", s.messages() / seconds);
            r.put("mb_per_s", s.bytes() / seconds / 1e6);
            putLatency(r, s, "");
            putCpu(r, cpu0, cpu1, s.messages(), "msg");
            r.put("errors", end.errors());
            boolean ok = end.errors() == 0 && s.messages() > 0 && drained;
            r.put("ok", ok);
            if (!ok) {
                r.put("error", end.firstError() != null ? end.firstError()
                        : !drained ? "echoes missing after stop" : "no echo received");
            }
            return r;
        } finally {
            LoadClient.closeAll(all, CLOSE_TIMEOUT);
            ring.release();
        }
    }

    private boolean drain() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.snapshot().inFlight() <= 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Handshakes per second: {@code concurrency} loops each connect, upgrade on {@code /echo}, close (close frames both
     * ways), and start over, each from a new source address and port.
     */
    Map<String, Object> handshakes(int concurrency, Duration warmup, Duration measure) throws InterruptedException {
        Map<String, Object> r = result("handshake");
        r.put("concurrency", concurrency);
        r.put("warmup_s", warmup.toMillis() / 1000.0);
        r.put("measure_s", measure.toMillis() / 1000.0);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger active = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicLong consecutiveFailures = new AtomicLong();
        String[] firstFailure = new String[1];
        client.resetAllStats();
        Runnable[] startOne = new Runnable[1];
        startOne[0] = () -> {
            if (!running.get()) {
                return;
            }
            active.incrementAndGet();
            MessageConnection c = new MessageConnection(new Handshake(client.host(), client.port(), ECHO_PATH),
                    true, null);
            c.opened.whenComplete((x, e) -> {
                if (e == null) {
                    consecutiveFailures.set(0);
                    LoopStats stats = client.stats(c.channel);
                    stats.messages++;
                    stats.record(c.openNanos - c.connectStartNanos);
                } else {
                    failures.incrementAndGet();
                    synchronized (firstFailure) {
                        if (firstFailure[0] == null) {
                            firstFailure[0] = c.failure();
                        }
                    }
                    if (consecutiveFailures.incrementAndGet() > 1000) {
                        running.set(false);
                    }
                }
            });
            c.closed.whenComplete((x, e) -> {
                active.decrementAndGet();
                startOne[0].run();
            });
            client.connect(c);
        };
        for (int i = 0; i < concurrency; i++) {
            startOne[0].run();
        }
        Thread.sleep(warmup.toMillis());
        client.resetStats();
        long failures0 = failures.get();
        CpuSample cpu0 = sampleCpu();
        Thread.sleep(measure.toMillis());
        LoopStats.Snapshot s = client.snapshot();
        CpuSample cpu1 = sampleCpu();
        long failed = failures.get() - failures0;
        running.set(false);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double seconds = (cpu1.nanos() - cpu0.nanos()) / 1e9;
        r.put("handshakes", s.messages());
        r.put("handshakes_per_s", s.messages() / seconds);
        putLatency(r, s, "");
        putCpu(r, cpu0, cpu1, s.messages(), "handshake");
        r.put("failures", failed);
        boolean ok = failed == 0 && s.messages() > 0;
        r.put("ok", ok);
        if (!ok) {
            r.put("error", failed + " handshakes failed: " + firstFailure[0]);
        }
        return r;
    }

    /**
     * Memory per idle connection: heap after a full GC and resident set of the server before and after opening
     * {@code conns} connections on {@code /echo}, each of which has echoed one small message and then stays idle.
     */
    Map<String, Object> idleMemory(int conns, Duration settle) throws InterruptedException {
        Map<String, Object> r = result("memory");
        r.put("conns", conns);
        if (serverProbe == null) {
            return failed(r, "no --server-pid: cannot read the server's heap and RSS");
        }
        List<MessageConnection> all = List.of();
        try {
            long heap0 = serverProbe.heapUsedAfterGc();
            long rss0 = serverProbe.rssBytes();
            CountDownLatch echoed = new CountDownLatch(conns);
            long t0 = System.nanoTime();
            try {
                all = client.openAll(conns, OPEN_CONCURRENCY, i -> new MessageConnection(
                        new Handshake(client.host(), client.port(), ECHO_PATH), false,
                        (c, op, payload) -> echoed.countDown()), OPEN_TIMEOUT);
            } catch (TimeoutException e) {
                return failed(r, e.getMessage());
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            String openFailure = firstFailure(all);
            if (openFailure != null) {
                return failed(r, countFailures(all) + " of " + conns + " connections failed: " + openFailure);
            }
            String hello = "idle-probe-" + "x".repeat(21);
            for (MessageConnection c : all) {
                c.sendText(hello);
            }
            if (!echoed.await(60, TimeUnit.SECONDS)) {
                return failed(r, echoed.getCount() + " of " + conns + " connections did not echo");
            }
            Thread.sleep(settle.toMillis());
            long heap1 = serverProbe.heapUsedAfterGc();
            long rss1 = serverProbe.rssBytes();
            int stillOpen = 0;
            for (MessageConnection c : all) {
                stillOpen += c.isOpen() ? 1 : 0;
            }
            r.put("open_after", stillOpen);
            r.put("connect_s", connectSeconds);
            r.put("connects_per_s", conns / connectSeconds);
            r.put("heap_base_kb", heap0 / 1024);
            r.put("heap_kb", heap1 / 1024);
            r.put("rss_base_kb", rss0 / 1024);
            r.put("rss_kb", rss1 / 1024);
            double heapPer = (double) (heap1 - heap0) / conns;
            double rssPer = (double) (rss1 - rss0) / conns;
            r.put("heap_per_conn_b", heapPer);
            r.put("rss_per_conn_b", rssPer);
            r.put("total_per_conn_b", heapPer + rssPer);
            r.put("ok", stillOpen == conns);
            if (stillOpen != conns) {
                r.put("error", (conns - stillOpen) + " connections closed while idle");
            }
            return r;
        } catch (java.io.IOException e) {
            return failed(r, e.getMessage());
        } finally {
            LoadClient.closeAll(all, CLOSE_TIMEOUT);
        }
    }

    /**
     * Broadcast: {@code sessions} connections on {@code /broadcast}; one of them sends {@code broadcast:<round>:...}
     * and the round ends when every session, the sender included, has received it. Reports the time from the send
     * to the last receipt.
     */
    Map<String, Object> broadcast(int sessions, int warmupRounds, int rounds, int messageSize)
            throws InterruptedException {
        Map<String, Object> r = result("broadcast");
        r.put("sessions", sessions);
        r.put("rounds", rounds);
        r.put("size", messageSize);
        Round round = new Round(sessions);
        CountDownLatch synced = new CountDownLatch(sessions);
        MessageConnection.Listener listener = (c, op, payload) -> {
            if (op == WsConnection.OP_TEXT && startsWith(payload, BROADCAST_PREFIX)) {
                round.received(payload);
            } else {
                synced.countDown();
            }
        };
        List<MessageConnection> all = List.of();
        try {
            try {
                all = client.openAll(sessions, OPEN_CONCURRENCY, i -> new MessageConnection(
                        new Handshake(client.host(), client.port(), BROADCAST_PATH), false, listener), OPEN_TIMEOUT);
            } catch (TimeoutException e) {
                return failed(r, e.getMessage());
            }
            String openFailure = firstFailure(all);
            if (openFailure != null) {
                return failed(r, countFailures(all) + " of " + sessions + " connections failed: " + openFailure);
            }
            for (MessageConnection c : all) {
                c.sendText("sync");
            }
            if (!synced.await(60, TimeUnit.SECONDS)) {
                return failed(r, synced.getCount() + " of " + sessions + " sessions did not answer 'sync'");
            }
            MessageConnection sender = all.get(0);
            List<Double> lastMs = new ArrayList<>();
            List<Double> firstMs = new ArrayList<>();
            for (int i = 0; i < warmupRounds + rounds; i++) {
                String text = BROADCAST_PREFIX + i + ":";
                text = text + "x".repeat(Math.max(0, messageSize - text.length()));
                CompletableFuture<long[]> done = round.begin(text);
                long sent = System.nanoTime();
                sender.sendText(text);
                long[] times;
                try {
                    times = done.get(30, TimeUnit.SECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    return failed(r, "round " + i + ": " + round.count() + " of " + sessions + " sessions received"
                            + " the broadcast in 30 s" + (round.error != null ? "; " + round.error : ""));
                }
                if (i >= warmupRounds) {
                    firstMs.add((times[0] - sent) / 1e6);
                    lastMs.add((times[1] - sent) / 1e6);
                }
                Thread.sleep(50);
            }
            Collections.sort(lastMs);
            Collections.sort(firstMs);
            r.put("median_ms", median(lastMs));
            r.put("min_ms", lastMs.get(0));
            r.put("max_ms", lastMs.get(lastMs.size() - 1));
            r.put("first_median_ms", median(firstMs));
            r.put("ok", round.error == null);
            if (round.error != null) {
                r.put("error", round.error);
            }
            return r;
        } finally {
            LoadClient.closeAll(all, CLOSE_TIMEOUT);
        }
    }

    /** The state of one broadcast round, shared by every connection's loop. */
    private static final class Round {
        private final int sessions;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong first = new AtomicLong();
        private volatile byte[] expected;
        private volatile CompletableFuture<long[]> done;
        volatile String error;

        Round(int sessions) {
            this.sessions = sessions;
        }

        CompletableFuture<long[]> begin(String text) {
            count.set(0);
            first.set(0);
            CompletableFuture<long[]> f = new CompletableFuture<>();
            done = f;
            expected = text.getBytes(StandardCharsets.UTF_8);
            return f;
        }

        int count() {
            return count.get();
        }

        void received(ByteBuf payload) {
            long now = System.nanoTime();
            byte[] want = expected;
            if (want == null || payload.readableBytes() != want.length
                    || !ByteBufUtil.equals(payload, payload.readerIndex(),
                            io.netty.buffer.Unpooled.wrappedBuffer(want), 0, want.length)) {
                error = "unexpected broadcast '" + payload.toString(StandardCharsets.UTF_8) + "'";
                return;
            }
            first.compareAndSet(0, now);
            if (count.incrementAndGet() == sessions) {
                done.complete(new long[] {first.get(), now});
            }
        }
    }

    private static boolean startsWith(ByteBuf payload, String prefix) {
        if (payload.readableBytes() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (payload.getByte(payload.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** CPU counters at one instant: both processes, and the CPUs they are pinned to (null when not pinned). */
    private record CpuSample(long nanos, long server, long self, long[] serverCore, long[] selfCore) {
    }

    private CpuSample sampleCpu() {
        int serverCpu = serverProbe == null ? -1 : serverProbe.pinnedCpu();
        int selfCpu = self.pinnedCpu();
        return new CpuSample(System.nanoTime(), serverProbe == null ? -1 : serverProbe.cpuNanos(), self.cpuNanos(),
                serverCpu < 0 ? null : ProcessProbe.cpuTicks(serverCpu), selfCpu < 0 ? null : ProcessProbe.cpuTicks(selfCpu));
    }

    private static void putLatency(Map<String, Object> r, LoopStats.Snapshot s, String prefix) {
        r.put(prefix + "p50_us", s.micros(50));
        r.put(prefix + "p90_us", s.micros(90));
        r.put(prefix + "p99_us", s.micros(99));
        r.put(prefix + "p999_us", s.micros(99.9));
        r.put(prefix + "max_us", s.micros(100));
    }

    /**
     * Puts the CPU figures of a measurement: each process's share of a CPU ({@code server_cpu}, {@code loadgen_cpu}),
     * the server's CPU time per message or handshake, and how busy each pinned CPU was in all, in user, system and
     * steal time ({@code server_core_busy}, {@code loadgen_core_busy}) and separately in interrupts
     * ({@code server_core_irq}, {@code loadgen_core_irq}: loopback packet processing). Busy minus the process's own
     * share is what other processes took from that CPU, which tells a contended run from a clean one.
     */
    private static void putCpu(Map<String, Object> r, CpuSample a, CpuSample b, long count, String unit) {
        long nanos = b.nanos() - a.nanos();
        if (a.server() >= 0 && b.server() >= 0) {
            r.put("server_cpu", (double) (b.server() - a.server()) / nanos);
            if (count > 0) {
                r.put("server_cpu_us_per_" + unit, (b.server() - a.server()) / 1000.0 / count);
            }
        }
        if (a.self() >= 0 && b.self() >= 0) {
            r.put("loadgen_cpu", (double) (b.self() - a.self()) / nanos);
        }
        putCoreBusy(r, "server_core_busy", a.serverCore(), b.serverCore());
        putCoreBusy(r, "loadgen_core_busy", a.selfCore(), b.selfCore());
    }

    private static void putCoreBusy(Map<String, Object> r, String field, long[] a, long[] b) {
        if (a != null && b != null && b[2] > a[2]) {
            r.put(field, (double) (b[0] - a[0]) / (b[2] - a[2]));
            r.put(field.replace("_busy", "_irq"), (double) (b[1] - a[1]) / (b[2] - a[2]));
        }
    }

    private static String firstFailure(List<? extends WsConnection> all) {
        for (WsConnection c : all) {
            if (c.opened.isCompletedExceptionally()) {
                return c.failure();
            }
        }
        return null;
    }

    private static int countFailures(List<? extends WsConnection> all) {
        int n = 0;
        for (WsConnection c : all) {
            n += c.opened.isCompletedExceptionally() ? 1 : 0;
        }
        return n;
    }
}
