package dev.ws.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Test support: what the process holds (heap after GC, file descriptors, engine threads) and what
 * the server's event loops allocate, read from the JDK's management beans.
 */
final class Probes {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Probes() {
    }

    /** Heap in use after a few full collections (settles soft references and finalizable objects). */
    static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Bytes of the objects alive after a full collection, summed object by object from HotSpot's
     * class histogram: unlike the heap's "used" figure it does not move in whole G1 regions, so a
     * test can bound what a server holds within a few hundred KiB.
     */
    static long liveObjectBytes() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            String total = histogram.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
            String[] fields = total.trim().split("\\s+");
            return Long.parseLong(fields[2]);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("no class histogram on this VM", e);
        }
    }

    /** Open file descriptors of this process (Linux /proc). */
    static long openFileDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** What the open file descriptors point at (Linux /proc), for failure messages. */
    static java.util.List<String> fileDescriptorTargets() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    return "?";
                }
            }).sorted().toList();
        }
    }

    /** Live event-loop threads of all servers. */
    static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ws-loop-")).count();
    }

    /** Bytes the current thread has allocated so far (HotSpot's thread allocation counter). */
    static long threadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated so far by the live event-loop threads, together. */
    static long loopAllocatedBytes() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ws-loop-")) {
                sum += THREADS.getThreadAllocatedBytes(t.threadId());
            }
        }
        return sum;
    }

    /** Polls until the condition holds or the timeout passes; returns the condition's last value. */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
