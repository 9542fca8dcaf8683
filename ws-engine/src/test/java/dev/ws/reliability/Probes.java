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
