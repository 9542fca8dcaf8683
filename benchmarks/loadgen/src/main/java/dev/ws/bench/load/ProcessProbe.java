package dev.ws.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a process costs from outside it: CPU time and resident set from {@code /proc/<pid>}, and the Java heap
 * after a full collection through {@code jcmd <pid> GC.run} and {@code jcmd <pid> GC.heap_info} (the {@code jcmd} of
 * the JDK running the load generator). Linux only.
 */
final class ProcessProbe {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: {@code USER_HZ}, 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final Path jcmd;

    ProcessProbe(long pid) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    static ProcessProbe self() {
        return new ProcessProbe(ProcessHandle.current().pid());
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** {@return user + system CPU time of the whole process so far, in nanoseconds (10 ms resolution)} */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@return the one CPU this process is pinned to ({@code Cpus_allowed_list} of {@code /proc/<pid>/status}), or -1
     * when it may run on more than one}
     */
    int pinnedCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    String list = line.substring(line.indexOf(':') + 1).trim();
                    return list.matches("\\d+") ? Integer.parseInt(list) : -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Reads one CPU's counters from {@code /proc/stat}.
     *
     * @param cpu the CPU number
     * @return {busy, interrupts, total} in clock ticks since boot: busy counts user, nice, system and steal time,
     *         interrupts counts irq and softirq time (on loopback, much of the packet processing), or {@code null}
     *         when unreadable
     */
    static long[] cpuTicks(int cpu) {
        try {
            String prefix = "cpu" + cpu + " ";
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith(prefix)) {
                    String[] f = line.trim().split("\\s+");
                    long user = Long.parseLong(f[1]);
                    long nice = Long.parseLong(f[2]);
                    long system = Long.parseLong(f[3]);
                    long idle = Long.parseLong(f[4]);
                    long iowait = Long.parseLong(f[5]);
                    long irq = Long.parseLong(f[6]);
                    long softirq = Long.parseLong(f[7]);
                    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                    long busy = user + nice + system + steal;
                    return new long[] {busy, irq + softirq, busy + irq + softirq + idle + iowait};
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** {@return the resident set size in bytes ({@code VmRSS}), or -1 when unreadable} */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Runs a full collection in the target JVM and reads the heap in use afterwards.
     *
     * @return bytes of Java heap used after {@code GC.run}
     * @throws IOException when {@code jcmd} fails or prints no heap figure
     */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no 'used NK' in GC.heap_info output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
