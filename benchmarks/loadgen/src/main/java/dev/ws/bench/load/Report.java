package dev.ws.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the JSON lines of several servers' suites into {@code results.json} (metadata and every result), a text table
 * of each metric with its ratio to a baseline server ({@code table.txt}, also printed), and an SVG chart of
 * throughput per server ({@code throughput.svg}, drawn by {@link SvgChart}).
 */
final class Report {

    private Report() {
    }

    /** One row of the table: how to find the result and read the value from it. */
    record Row(String label, boolean higherIsBetter, Function<Map<String, Object>, Boolean> matches, String field,
               Function<Double, String> format) {
    }

    static int run(Options o) throws IOException {
        Path in = Path.of(o.required("in"));
        Path outDir = Path.of(o.required("out-dir"));
        String baseline = o.string("baseline", "netty");
        String metaFile = o.string("meta", null);
        o.checkAllUsed();
        List<Map<String, Object>> results = Json.readLines(Files.readAllLines(in, StandardCharsets.UTF_8));
        Map<String, Object> meta = metaFile == null ? Map.of()
                : Json.readFlat(Files.readString(Path.of(metaFile), StandardCharsets.UTF_8));
        Files.createDirectories(outDir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meta", meta);
        doc.put("baseline", baseline);
        doc.put("results", results);
        Files.writeString(outDir.resolve("results.json"), Json.write(doc) + "\n", StandardCharsets.UTF_8);
        String table = table(results, baseline);
        Files.writeString(outDir.resolve("table.txt"), table, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("throughput.svg"), SvgChart.throughput(results, meta), StandardCharsets.UTF_8);
        System.out.print(table);
        return 0;
    }

    static List<String> servers(List<Map<String, Object>> results, String baseline) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            if (Objects.equals(r.get("server"), baseline)) {
                names.add(baseline);
            }
        }
        for (Map<String, Object> r : results) {
            names.add(String.valueOf(r.get("server")));
        }
        return new ArrayList<>(names);
    }

    static List<Row> rows(List<Map<String, Object>> results) {
        List<Row> rows = new ArrayList<>();
        LinkedHashSet<String> echo = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            if ("throughput".equals(r.get("scenario"))) {
                echo.add(num(r, "conns") + "/" + num(r, "size") + "/" + num(r, "window"));
            }
        }
        for (String key : echo) {
            String[] p = key.split("/");
            long conns = Long.parseLong(p[0]);
            long size = Long.parseLong(p[1]);
            long window = Long.parseLong(p[2]);
            var match = matcher("throughput", conns, size);
            String label = "echo " + conns + " conns x " + sizeLabel(size) + " (" + window + " in flight)";
            rows.add(new Row(label + " msg/s", true, match, "msgs_per_s", Report::count));
            rows.add(new Row(label + " MB/s", true, match, "mb_per_s", v -> fixed(v, 1)));
            rows.add(new Row(label + " server CPU us/msg", false, match, "server_cpu_us_per_msg", v -> fixed(v, 2)));
        }
        LinkedHashSet<Long> latencyConns = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            if ("latency".equals(r.get("scenario"))) {
                latencyConns.add(num(r, "conns"));
            }
        }
        for (long conns : latencyConns) {
            var match = matcher("latency", conns, 1024);
            String label = "latency " + conns + (conns == 1 ? " conn" : " conns") + " x 1 KiB, 1 in flight";
            rows.add(new Row(label + " p50 us", false, match, "p50_us", v -> fixed(v, 1)));
            rows.add(new Row(label + " p99 us", false, match, "p99_us", v -> fixed(v, 1)));
            rows.add(new Row(label + " p99.9 us", false, match, "p999_us", v -> fixed(v, 1)));
        }
        var memory = matcher("memory", -1, -1);
        rows.add(new Row("idle conn: heap after GC, B/conn", false, memory, "heap_per_conn_b", v -> fixed(v, 0)));
        rows.add(new Row("idle conn: RSS beyond heap, B/conn", false, memory, "rss_per_conn_b", v -> fixed(v, 0)));
        rows.add(new Row("idle conn: heap + RSS, B/conn", false, memory, "total_per_conn_b", v -> fixed(v, 0)));
        var handshake = matcher("handshake", -1, -1);
        rows.add(new Row("handshakes/s", true, handshake, "handshakes_per_s", Report::count));
        rows.add(new Row("handshake server CPU us", false, handshake, "server_cpu_us_per_handshake",
                v -> fixed(v, 1)));
        var broadcast = matcher("broadcast", -1, -1);
        rows.add(new Row("broadcast to all sessions, median ms", false, broadcast, "median_ms", v -> fixed(v, 1)));
        rows.add(new Row("broadcast to all sessions, max ms", false, broadcast, "max_ms", v -> fixed(v, 1)));
        return rows;
    }

    private static Function<Map<String, Object>, Boolean> matcher(String scenario, long conns, long size) {
        return r -> scenario.equals(r.get("scenario")) && (conns < 0 || num(r, "conns") == conns)
                && (size < 0 || num(r, "size") == size);
    }

    static String table(List<Map<String, Object>> results, String baseline) {
        List<String> servers = servers(results, baseline);
        List<Row> rows = rows(results);
        List<List<String>> cells = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("metric", "better"));
        head.addAll(servers);
        cells.add(head);
        for (Row row : rows) {
            Double base = value(results, baseline, row);
            List<String> line = new ArrayList<>(List.of(row.label(), row.higherIsBetter() ? "higher" : "lower"));
            boolean any = false;
            for (String server : servers) {
                Map<String, Object> r = find(results, server, row);
                Double v = value(results, server, row);
                if (r == null) {
                    line.add("-");
                } else if (!Boolean.TRUE.equals(r.get("ok")) || v == null) {
                    line.add("failed");
                    any = true;
                } else {
                    any = true;
                    String text = row.format().apply(v);
                    if (base != null && base != 0 && !server.equals(baseline)) {
                        text += " (" + fixed(v / base, 2) + "x)";
                    }
                    line.add(text);
                }
            }
            if (any) {
                cells.add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Ratios (x) are to ").append(baseline).append(" in the same run.\n\n");
        int[] widths = new int[head.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (int li = 0; li < cells.size(); li++) {
            List<String> line = cells.get(li);
            out.append('|');
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                out.append(' ').append(i < 2 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append(" |");
            }
            out.append('\n');
            if (li == 0) {
                out.append('|');
                for (int i = 0; i < line.size(); i++) {
                    out.append(i < 2 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":").append('|');
                }
                out.append('\n');
            }
        }
        out.append('\n').append(contention(results, servers));
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> r : results) {
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                errors.add(r.get("server") + " " + r.get("scenario") + describe(r) + ": " + r.get("error"));
            }
        }
        if (!errors.isEmpty()) {
            out.append("\nFailed scenarios:\n");
            for (String e : errors) {
                out.append("- ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Says, for each server, how much of each pinned CPU went to anything but the benchmark's own two processes
     * (median and largest share over its scenarios), and how often the load generator's CPU was full, so a
     * reader can tell a clean run from a contended one (a load generator whose CPU is full may be what limits a
     * throughput figure; server CPU per message is unaffected). The share is an upper bound: interrupt time on a CPU
     * (loopback packet processing, often the benchmark's own) is counted in it, since the kernel charges it to no
     * process.
     */
    static String contention(List<Map<String, Object>> results, List<String> servers) {
        StringBuilder out = new StringBuilder("Share of each pinned CPU not used by the server or the load generator"
                + " themselves (other processes and interrupts; median / max over scenarios):");
        boolean any = false;
        for (String server : servers) {
            List<Double> serverOthers = new ArrayList<>();
            List<Double> loadgenOthers = new ArrayList<>();
            int saturated = 0;
            for (Map<String, Object> r : results) {
                if (!server.equals(r.get("server")) || !(r.get("server_core_busy") instanceof Number)) {
                    continue;
                }
                serverOthers.add(others(r, "server"));
                if (r.get("loadgen_core_busy") instanceof Number) {
                    loadgenOthers.add(others(r, "loadgen"));
                }
                double loadgenCoreFull = r.get("loadgen_core_busy") instanceof Number
                        ? dbl(r, "loadgen_cpu") + others(r, "loadgen") : dbl(r, "loadgen_cpu");
                saturated += loadgenCoreFull >= 0.9 ? 1 : 0;
            }
            if (!serverOthers.isEmpty()) {
                any = true;
                out.append(String.format(Locale.ROOT, "%n- %s: server's CPU %s, load generator's CPU %s;"
                        + " the load generator's CPU was >= 90%% busy (by it or others) in %d of %d scenarios", server,
                        medianMax(serverOthers), medianMax(loadgenOthers), saturated, serverOthers.size()));
            }
        }
        return any ? out.append('\n').toString() : "";
    }

    private static double others(Map<String, Object> r, String who) {
        double irq = r.get(who + "_core_irq") instanceof Number n ? n.doubleValue() : 0;
        return Math.max(0, dbl(r, who + "_core_busy") + irq - dbl(r, who + "_cpu"));
    }

    private static String medianMax(List<Double> values) {
        if (values.isEmpty()) {
            return "n/a";
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * sorted.get(sorted.size() / 2),
                100 * sorted.get(sorted.size() - 1));
    }

    private static Map<String, Object> find(List<Map<String, Object>> results, String server, Row row) {
        for (Map<String, Object> r : results) {
            if (server.equals(r.get("server")) && row.matches().apply(r)) {
                return r;
            }
        }
        return null;
    }

    private static Double value(List<Map<String, Object>> results, String server, Row row) {
        Map<String, Object> r = find(results, server, row);
        if (r == null || !Boolean.TRUE.equals(r.get("ok")) || !(r.get(row.field()) instanceof Number n)) {
            return null;
        }
        return n.doubleValue();
    }

    /** {@return a one-line, human-readable summary of a result, for progress output} */
    static String summary(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("[" + r.get("server") + "] " + r.get("scenario") + describe(r) + ": ");
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            s.append("FAILED ").append(r.get("error")).append(' ');
        }
        switch (String.valueOf(r.get("scenario"))) {
            case "throughput", "latency" -> s.append(count(dbl(r, "msgs_per_s"))).append(" msg/s, ")
                    .append(fixed(dbl(r, "mb_per_s"), 1)).append(" MB/s, p50/p99/p99.9 ")
                    .append(fixed(dbl(r, "p50_us"), 1)).append('/').append(fixed(dbl(r, "p99_us"), 1)).append('/')
                    .append(fixed(dbl(r, "p999_us"), 1)).append(" us, server CPU ")
                    .append(fixed(dbl(r, "server_cpu_us_per_msg"), 2)).append(" us/msg").append(cpuShares(r));
            case "handshake" -> s.append(count(dbl(r, "handshakes_per_s"))).append(" handshakes/s, p50/p99 ")
                    .append(fixed(dbl(r, "p50_us"), 0)).append('/').append(fixed(dbl(r, "p99_us"), 0))
                    .append(" us, server CPU ").append(fixed(dbl(r, "server_cpu_us_per_handshake"), 1))
                    .append(" us each").append(cpuShares(r));
            case "memory" -> s.append("heap ").append(fixed(dbl(r, "heap_per_conn_b"), 0)).append(" B/conn, RSS ")
                    .append(fixed(dbl(r, "rss_per_conn_b"), 0)).append(" B/conn, connects/s ")
                    .append(count(dbl(r, "connects_per_s")));
            case "broadcast" -> s.append("median ").append(fixed(dbl(r, "median_ms"), 1)).append(" ms, max ")
                    .append(fixed(dbl(r, "max_ms"), 1)).append(" ms, first ")
                    .append(fixed(dbl(r, "first_median_ms"), 1)).append(" ms");
            default -> s.append(Json.write(r));
        }
        return s.toString();
    }

    private static String cpuShares(Map<String, Object> r) {
        return " (server " + fixed(dbl(r, "server_cpu"), 2) + " of its CPU, which was " + fixed(dbl(r,
                "server_core_busy"), 2) + " busy; loadgen " + fixed(dbl(r, "loadgen_cpu"), 2) + " of "
                + fixed(dbl(r, "loadgen_core_busy"), 2) + ")";
    }

    private static String describe(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        if (r.get("conns") instanceof Number n) {
            s.append(" conns=").append(n.longValue());
        }
        if (r.get("sessions") instanceof Number n) {
            s.append(" sessions=").append(n.longValue());
        }
        if (r.get("size") instanceof Number n) {
            s.append(" size=").append(n.longValue());
        }
        if (r.get("window") instanceof Number n) {
            s.append(" window=").append(n.longValue());
        }
        if (r.get("concurrency") instanceof Number n) {
            s.append(" concurrency=").append(n.longValue());
        }
        return s.toString();
    }

    static long num(Map<String, Object> r, String field) {
        return r.get(field) instanceof Number n ? n.longValue() : -1;
    }

    static double dbl(Map<String, Object> r, String field) {
        return r.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String sizeLabel(long size) {
        return size >= 1024 && size % 1024 == 0 ? (size / 1024) + " KiB" : size + " B";
    }

    static String count(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v >= 1e6) {
            return fixed(v / 1e6, 2) + "M";
        }
        if (v >= 1e4) {
            return fixed(v / 1e3, 1) + "k";
        }
        return fixed(v, 0);
    }

    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
