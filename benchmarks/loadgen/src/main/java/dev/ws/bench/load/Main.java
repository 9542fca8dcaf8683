package dev.ws.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entry point of {@code loadgen.jar}. Commands:
 * <pre>
 * suite     --name NAME --port P [--server-pid PID] [--quick] [--scenarios echo,latency,handshake,memory,broadcast]
 *           [--out FILE] [overrides below]          every scenario against one server, one JSON line each
 * throughput|latency --port P --conns N --size B [--window K] [--warmup S] [--measure S]
 * handshake --port P [--concurrency 64] [--warmup S] [--measure S]
 * memory    --port P --server-pid PID [--conns N]
 * broadcast --port P [--sessions N] [--rounds R]
 * wait      --port P [--timeout S] [--server-pid PID]  exit 0 once /echo upgrades and echoes
 * report    --in results.jsonl --out-dir DIR [--baseline netty] [--meta meta.json]
 * common:   --host 127.0.0.1  --threads CPUS  --source-addresses 200  --opcode binary|text  --name NAME
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs one command; exits with 0 on success, 1 when a scenario failed, 2 on a usage error.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage();
            return;
        }
        int status;
        try {
            status = switch (o.command()) {
                case "report" -> Report.run(o);
                case "wait" -> waitReady(o);
                default -> load(o);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private static void usage() {
        System.err.println("usage: java -jar loadgen.jar (suite|throughput|latency|handshake|memory|broadcast|wait|report)"
                + " [--option value]...  (see benchmarks/README.md)");
        System.exit(2);
    }

    private static int load(Options o) throws Exception {
        String host = o.string("host", "127.0.0.1");
        int port = o.integer("port", 0);
        if (port <= 0) {
            throw new IllegalArgumentException("--port is required");
        }
        String name = o.string("name", "server");
        long pid = o.longValue("server-pid", 0);
        // one event loop per CPU the load generator may use (taskset limits what availableProcessors reports)
        int threads = o.integer("threads", Runtime.getRuntime().availableProcessors());
        int sources = o.integer("source-addresses", 200);
        int opcode = switch (o.string("opcode", "binary")) {
            case "binary" -> WsConnection.OP_BINARY;
            case "text" -> WsConnection.OP_TEXT;
            default -> throw new IllegalArgumentException("--opcode is binary or text");
        };
        String out = o.string("out", null);
        boolean quick = o.flag("quick");
        Duration warmup = seconds(o.decimal("warmup", quick ? 1 : 5));
        Duration measure = seconds(o.decimal("measure", quick ? 3 : 10));
        Duration shortWarmup = seconds(o.decimal("warmup", quick ? 1 : 3));
        int window = o.integer("window", 0);
        String command = o.command();
        List<Integer> conns = o.integers("conns", command.equals("suite") ? List.of(100, 1000)
                : command.equals("memory") ? List.of(quick ? 5000 : 15000) : List.of(command.equals("latency") ? 1 : 100));
        List<Integer> sizes = o.integers("sizes", List.of(32, 1024, 65536));
        int size = o.integer("size", 1024);
        int concurrency = o.integer("concurrency", 64);
        int memoryConns = o.integer("memory-conns", quick ? 5000 : 15000);
        int sessions = o.integer("sessions", quick ? 2000 : 10000);
        int rounds = o.integer("rounds", quick ? 5 : 10);
        Set<String> scenarios = Set.copyOf(Arrays.asList(o.string("scenarios",
                "throughput,latency,handshake,memory,broadcast").split(",")));
        o.checkAllUsed();

        int failures = 0;
        try (LoadClient client = new LoadClient(host, port, threads, sources)) {
            Scenarios s = new Scenarios(client, name, opcode, pid);
            ProcessProbe serverProbe = pid > 0 ? new ProcessProbe(pid) : null;
            switch (command) {
                case "suite" -> {
                    if (scenarios.contains("throughput")) {
                        for (int c : conns) {
                            for (int b : sizes) {
                                failures += emit(out, s.echo("throughput", c, b, window > 0 ? window
                                        : defaultWindow(b), warmup, measure), serverProbe);
                            }
                        }
                    }
                    if (scenarios.contains("latency")) {
                        failures += emit(out, s.echo("latency", 1, 1024, 1, shortWarmup, measure), serverProbe);
                        if (!quick) {
                            failures += emit(out, s.echo("latency", 100, 1024, 1, shortWarmup, measure), serverProbe);
                        }
                    }
                    if (scenarios.contains("handshake")) {
                        failures += emit(out, s.handshakes(concurrency, shortWarmup, measure), serverProbe);
                    }
                    if (scenarios.contains("memory")) {
                        failures += emit(out, s.idleMemory(memoryConns, seconds(2)), serverProbe);
                    }
                    if (scenarios.contains("broadcast")) {
                        failures += emit(out, s.broadcast(sessions, quick ? 2 : 3, rounds, 64), serverProbe);
                    }
                }
                case "throughput", "latency" -> {
                    for (int c : conns) {
                        int w = window > 0 ? window : command.equals("latency") ? 1 : defaultWindow(size);
                        failures += emit(out, s.echo(command, c, size, w, warmup, measure), serverProbe);
                    }
                }
                case "handshake" -> failures += emit(out, s.handshakes(concurrency, shortWarmup, measure), serverProbe);
                case "memory" -> failures += emit(out, s.idleMemory(conns.get(0), seconds(2)), serverProbe);
                case "broadcast" -> failures += emit(out, s.broadcast(sessions, 2, rounds, 64), serverProbe);
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * Messages in flight per connection for a payload size: 16, fewer for large messages so that one connection
     * never has more than 128 KiB in flight (2 × 64 KiB).
     */
    static int defaultWindow(int size) {
        return Math.max(1, Math.min(16, 128 * 1024 / size));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    private static int emit(String out, Map<String, Object> result, ProcessProbe serverProbe) throws IOException,
            InterruptedException {
        if (serverProbe != null && !serverProbe.alive()) {
            result.put("ok", false);
            result.put("error", "server process " + serverProbe.pid() + " is gone");
        }
        String line = Json.write(result);
        System.out.println(line);
        System.out.flush();
        System.err.println(Report.summary(result));
        if (out != null) {
            Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        Thread.sleep(1000);
        return Boolean.TRUE.equals(result.get("ok")) ? 0 : 1;
    }

    /** Waits until {@code /echo} upgrades and echoes a message; 0 when it did within the timeout, else 1. */
    private static int waitReady(Options o) throws Exception {
        String host = o.string("host", "127.0.0.1");
        int port = o.integer("port", 0);
        double timeout = o.decimal("timeout", 60);
        String path = o.string("path", Scenarios.ECHO_PATH);
        long pid = o.longValue("server-pid", 0);
        o.checkAllUsed();
        ProcessProbe server = pid > 0 ? new ProcessProbe(pid) : null;
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        String last = "no attempt";
        try (LoadClient client = new LoadClient(host, port, 1, 0)) {
            while (System.nanoTime() < deadline) {
                if (server != null && !server.alive()) {
                    System.err.println("loadgen: server process " + pid + " exited before " + path + " answered");
                    return 1;
                }
                CountDownLatch echoed = new CountDownLatch(1);
                MessageConnection c = new MessageConnection(new Handshake(host, port, path), false,
                        (conn, op, payload) -> echoed.countDown());
                client.connect(c);
                try {
                    c.opened.get(2, TimeUnit.SECONDS);
                    c.sendText("ready?");
                    if (echoed.await(2, TimeUnit.SECONDS)) {
                        LoadClient.closeAll(List.of(c), Duration.ofSeconds(2));
                        return 0;
                    }
                    last = "no echo";
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    last = c.failure() != null ? c.failure() : e.toString();
                }
                LoadClient.closeAll(List.of(c), Duration.ofSeconds(1));
                Thread.sleep(250);
            }
        }
        System.err.println("loadgen: " + host + ":" + port + path + " not ready after " + timeout + " s: " + last);
        return 1;
    }
}
