package dev.ws.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws echo throughput per server as an SVG bar chart with no library: one panel per message size (each with its own
 * messages-per-second axis, since 32 B and 64 KiB rates differ by orders of magnitude), a group of bars per
 * connection count, one bar per server, each labelled with its value.
 */
final class SvgChart {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
        "#edc948", "#9c755f"};
    private static final int PANEL_WIDTH = 330;
    private static final int PANEL_HEIGHT = 300;
    private static final int TOP = 70;
    private static final int LEFT = 70;
    private static final int BOTTOM = 60;

    private SvgChart() {
    }

    static String throughput(List<Map<String, Object>> results, Map<String, Object> meta) {
        List<Map<String, Object>> echo = new ArrayList<>();
        for (Map<String, Object> r : results) {
            if ("throughput".equals(r.get("scenario"))) {
                echo.add(r);
            }
        }
        List<String> servers = Report.servers(echo, String.valueOf(meta.getOrDefault("baseline", "netty")));
        LinkedHashSet<Long> sizes = new LinkedHashSet<>();
        LinkedHashSet<Long> connCounts = new LinkedHashSet<>();
        for (Map<String, Object> r : echo) {
            sizes.add(Report.num(r, "size"));
            connCounts.add(Report.num(r, "conns"));
        }
        int width = LEFT + Math.max(1, sizes.size()) * PANEL_WIDTH + 20;
        int height = TOP + PANEL_HEIGHT + BOTTOM + 10 + 20 * ((servers.size() + 3) / 4);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        String title = "WebSocket echo throughput per server (messages/s, higher is better)";
        svg.append(text(width / 2.0, 22, "middle", 16, "bold", title));
        String subtitle = String.valueOf(meta.getOrDefault("subtitle", ""));
        if (!subtitle.isEmpty()) {
            svg.append(text(width / 2.0, 42, "middle", 11, "normal", subtitle));
        }
        int panel = 0;
        for (long size : sizes) {
            int x0 = LEFT + panel * PANEL_WIDTH;
            double max = 0;
            for (Map<String, Object> r : echo) {
                if (Report.num(r, "size") == size && Boolean.TRUE.equals(r.get("ok"))) {
                    max = Math.max(max, Report.dbl(r, "msgs_per_s"));
                }
            }
            double axisMax = niceCeiling(max);
            int plotWidth = PANEL_WIDTH - 50;
            int yBase = TOP + PANEL_HEIGHT;
            svg.append(text(x0 + plotWidth / 2.0, TOP - 8, "middle", 13, "bold",
                    Report.sizeLabel(size) + " messages"));
            for (int t = 0; t <= 4; t++) {
                double v = axisMax * t / 4;
                double y = yBase - PANEL_HEIGHT * (double) t / 4;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                        x0, y, x0 + plotWidth, y));
                svg.append(text(x0 - 4, y + 4, "end", 10, "normal", Report.count(v)));
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                    x0, yBase, x0 + plotWidth, yBase));
            int groups = Math.max(1, connCounts.size());
            double groupWidth = (double) plotWidth / groups;
            double barWidth = Math.min(40, (groupWidth - 16) / Math.max(1, servers.size()));
            int g = 0;
            for (long conns : connCounts) {
                double gx = x0 + g * groupWidth + (groupWidth - barWidth * servers.size()) / 2;
                for (int si = 0; si < servers.size(); si++) {
                    Map<String, Object> r = find(echo, servers.get(si), size, conns);
                    double bx = gx + si * barWidth;
                    if (r == null) {
                        continue;
                    }
                    if (!Boolean.TRUE.equals(r.get("ok"))) {
                        svg.append(text(bx + barWidth / 2, yBase - 4, "middle", 9, "normal", "fail"));
                        continue;
                    }
                    double v = Report.dbl(r, "msgs_per_s");
                    double h = axisMax == 0 ? 0 : PANEL_HEIGHT * v / axisMax;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\"><title>%s: %s msg/s, %s MB/s</title></rect>%n", bx + 1, yBase - h,
                            barWidth - 2, h, COLORS[si % COLORS.length], escape(servers.get(si)), Report.count(v),
                            Report.fixed(Report.dbl(r, "mb_per_s"), 1)));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\""
                            + " transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", bx + barWidth / 2 + 3, yBase - h - 3,
                            bx + barWidth / 2 + 3, yBase - h - 3, Report.count(v)));
                }
                svg.append(text(x0 + g * groupWidth + groupWidth / 2, yBase + 16, "middle", 11, "normal",
                        conns + " connections"));
                g++;
            }
            panel++;
        }
        int ly = TOP + PANEL_HEIGHT + BOTTOM;
        for (int si = 0; si < servers.size(); si++) {
            int lx = LEFT + (si % 4) * 200;
            int row = ly + (si / 4) * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    lx, row - 10, COLORS[si % COLORS.length]));
            svg.append(text(lx + 18, row, "start", 12, "normal", servers.get(si)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static Map<String, Object> find(List<Map<String, Object>> echo, String server, long size, long conns) {
        for (Map<String, Object> r : echo) {
            if (server.equals(r.get("server")) && Report.num(r, "size") == size && Report.num(r, "conns") == conns) {
                return r;
            }
        }
        return null;
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12}) {
            if (step * magnitude >= v * 1.08) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String text(double x, double y, String anchor, int size, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\""
                + " font-weight=\"%s\">%s</text>%n", x, y, anchor, size, weight, escape(content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
