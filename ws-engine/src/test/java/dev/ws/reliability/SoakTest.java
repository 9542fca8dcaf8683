package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak: many clients open sessions for a few seconds each, again and again, and send
 * numbered messages with checksums through the echo handler while the test broadcasts numbered
 * {@link PreparedMessage}s to every session. Every echo comes back in order and intact; every
 * broadcast whose send completed arrives, in order, and no other; heap and file descriptors return
 * to their baseline once the server stops.
 *
 * <p>{@code -Dws.soak.seconds=N} (default 45) and {@code -Dws.soak.clients=N} (default 24) run it
 * longer or wider; {@code -Dws.soak.seed=N} repeats a run. The figures go to stdout and to
 * {@code target/soak-report.txt}.
 */
class SoakTest {

    private static final int SECONDS = Integer.getInteger("ws.soak.seconds", 45);
    private static final int CLIENTS = Integer.getInteger("ws.soak.clients", 24);
    private static final Duration BROADCAST_EVERY = Duration.ofMillis(20);

    /** The server's side of one session: the stage of each broadcast, by number. */
    private record Broadcasts(WebSocketSession session, Map<Long, CompletableFuture<Void>> stages) {
    }

    @Test
    void everyMessageIsAccountedForAndMemoryReturnsToBaseline() throws Exception {
        long seed = Long.getLong("ws.soak.seed", System.nanoTime());
        warmUp(seed);
        long heapBefore = Probes.liveObjectBytes();
        long fdsBefore = Probes.openFileDescriptors();
        List<String> fdTargetsBefore = Probes.fileDescriptorTargets();
        Map<String, Broadcasts> sessions = new ConcurrentHashMap<>();
        Map<String, Broadcasts> open = new ConcurrentHashMap<>();
        AtomicLong serverEchoes = new AtomicLong();
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(2)
                .route("/soak", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        Broadcasts b = new Broadcasts(s, new ConcurrentHashMap<>());
                        sessions.put(s.query(), b);
                        open.put(s.query(), b);
                    }

                    @Override
                    public void onText(WebSocketSession s, String text) {
                        serverEchoes.incrementAndGet();
                        s.sendText(text);
                    }

                    @Override
                    public void onBinary(WebSocketSession s, ByteBuffer data) {
                        serverEchoes.incrementAndGet();
                        s.sendBinary(data);
                    }

                    @Override
                    public void onClose(WebSocketSession s, CloseStatus status) {
                        open.remove(s.query());
                    }
                }).build().start();

        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(SECONDS).toNanos();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<SoakClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            SoakClient c = new SoakClient(server.port(), i, deadline, seed + i, failures);
            clients.add(c);
            threads.add(Thread.ofPlatform().name("soak-client-" + i).start(c));
        }
        AtomicBoolean broadcasting = new AtomicBoolean(true);
        AtomicLong broadcastsSent = new AtomicLong();
        long[] peakHeap = {0};
        int[] peakSessions = {0};
        Thread broadcaster = Thread.ofPlatform().name("soak-broadcaster").start(() -> {
            Random random = new Random(seed);
            var memory = ManagementFactory.getMemoryMXBean();
            for (long seq = 0; broadcasting.get(); seq++) {
                PreparedMessage m = broadcast(seq, random);
                for (Broadcasts b : open.values()) {
                    b.stages().put(seq, b.session().send(m).toCompletableFuture());
                }
                broadcastsSent.incrementAndGet();
                peakHeap[0] = Math.max(peakHeap[0], memory.getHeapMemoryUsage().getUsed());
                peakSessions[0] = Math.max(peakSessions[0], open.size());
                try {
                    Thread.sleep(BROADCAST_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(SECONDS + 60).toMillis());
            assertThat(t.isAlive()).as("%s still running; failures %s", t.getName(), failures).isFalse();
        }
        broadcasting.set(false);
        broadcaster.join();
        Duration ran = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failures).as("client failures (seed %d)", seed).isEmpty();

        // Accounting: each session's echoes came back (checked by the client); its broadcasts are
        // exactly those whose send completed, in order.
        long echoes = 0;
        long echoBytes = 0;
        long delivered = 0;
        long failedSends = 0;
        long failedSlow = 0;
        int sessionCount = 0;
        for (SoakClient c : clients) {
            for (SoakClient.Session s : c.sessions) {
                sessionCount++;
                echoes += s.echoes();
                echoBytes += s.bytes();
                Broadcasts b = sessions.get(s.key());
                assertThat(b).as("server side of %s", s.key()).isNotNull();
                List<Long> completed = new ArrayList<>();
                for (var e : new java.util.TreeMap<>(b.stages()).entrySet()) {
                    assertThat(e.getValue()).as("broadcast %d to %s left pending", e.getKey(), s.key()).isDone();
                    if (e.getValue().isCompletedExceptionally()) {
                        failedSends++;
                        if (failure(e.getValue()).contains("slow consumer")) {
                            failedSlow++; // the rest: sent while the client was closing the session
                        }
                    } else {
                        completed.add(e.getKey());
                    }
                }
                assertThat(s.broadcasts()).as("broadcasts received by %s", s.key()).isEqualTo(completed);
                delivered += completed.size();
            }
        }
        assertThat(sessionCount).isEqualTo(sessions.size());
        assertThat(serverEchoes.get()).isEqualTo(echoes);
        server.stop(Duration.ofSeconds(2));

        long heapAfter = Probes.liveObjectBytes();
        assertThat(Probes.await(() -> {
            try {
                return Probes.openFileDescriptors() <= fdsBefore + 4;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(5))).as("file descriptors back to %s, now %s", fdTargetsBefore,
                Probes.fileDescriptorTargets()).isTrue();
        long fdsAfter = Probes.openFileDescriptors();
        sessions.clear();
        heapAfter = Math.min(heapAfter, Probes.liveObjectBytes());
        String report = String.format(java.util.Locale.ROOT,
                "soak: %d s (%s measured), %d clients, %d sessions (at most %d at once), %,d echoed messages "
                        + "(%s of bodies), %,d broadcasts -> %,d deliveries, %d broadcast sends failed (%d to closing "
                        + "sessions, %d slow consumer); live objects after GC %s before, %s after (peak heap used, "
                        + "garbage included, %s); file descriptors %d before, %d after; seed %d",
                SECONDS, ran, CLIENTS, sessionCount, peakSessions[0], echoes, Probes.mib(echoBytes),
                broadcastsSent.get(), delivered, failedSends, failedSends - failedSlow, failedSlow,
                Probes.mib(heapBefore), Probes.mib(heapAfter), Probes.mib(peakHeap[0]), fdsBefore, fdsAfter, seed);
        System.out.println(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report + "\n");
        assertThat(echoes).isPositive();
        assertThat(delivered).isPositive();
        assertThat(heapAfter - heapBefore).as("heap growth (%s)", report).isLessThan(8L << 20);
        assertThat(Probes.loopThreads()).isZero();
    }

    private static String failure(CompletableFuture<Void> stage) {
        try {
            stage.join();
            return "";
        } catch (java.util.concurrent.CompletionException e) {
            return String.valueOf(e.getCause().getMessage());
        }
    }

    /**
     * One short session before the baseline is taken: what the JDK sets up once and keeps (the
     * virtual-thread I/O pollers' epoll descriptors, the SecureRandom behind the masks, loaded
     * classes) is then part of the baseline, not counted as a leak.
     */
    private static void warmUp(long seed) throws Exception {
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(2).route("/soak", new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) {
                s.sendText(text);
            }

            @Override
            public void onBinary(WebSocketSession s, ByteBuffer data) {
                s.sendBinary(data);
            }
        }).build().start();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        new SoakClient(server.port(), 0, System.nanoTime() + Duration.ofMillis(500).toNanos(), seed, failures).run();
        server.stop(Duration.ofSeconds(1));
        assertThat(failures).isEmpty();
    }

    /** Broadcast {@code seq}: "B seq crc body" with a random body of up to 2 KiB. */
    private static PreparedMessage broadcast(long seq, Random random) {
        char[] body = new char[random.nextInt(2048)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (char) ('a' + random.nextInt(26));
        }
        byte[] b = new String(body).getBytes(StandardCharsets.UTF_8);
        return PreparedMessage.text("B " + seq + " " + SoakClient.crc(b, 0, b.length) + " " + new String(body));
    }

}
