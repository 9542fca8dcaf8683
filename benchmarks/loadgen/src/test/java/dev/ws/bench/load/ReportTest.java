package dev.ws.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Pins the ratio table (ratios to the baseline, failed cells, missing servers) and that the chart is valid SVG. */
class ReportTest {

    private static Map<String, Object> echo(String server, int conns, int size, double rate, boolean ok) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("server", server);
        r.put("scenario", "throughput");
        r.put("conns", (double) conns);
        r.put("size", (double) size);
        r.put("window", 16.0);
        r.put("msgs_per_s", rate);
        r.put("mb_per_s", rate * size / 1e6);
        r.put("ok", ok);
        if (!ok) {
            r.put("error", "echo differs");
        }
        return r;
    }

    private final List<Map<String, Object>> results = List.of(
            echo("jetty", 1000, 1024, 200_000, true),
            echo("netty", 1000, 1024, 400_000, true),
            echo("spring-tomcat", 1000, 1024, 0, false),
            echo("netty", 100, 32, 500_000, true));

    @Test
    void tablePutsTheBaselineFirstAndShowsRatiosToIt() {
        String table = Report.table(results, "netty");
        String header = table.lines().filter(l -> l.startsWith("| metric")).findFirst().orElseThrow();
        assertThat(header.indexOf("netty")).isLessThan(header.indexOf("jetty"));
        String row = table.lines().filter(l -> l.contains("1000 conns x 1 KiB") && l.contains("msg/s"))
                .findFirst().orElseThrow();
        assertThat(row).contains("400.0k").contains("200.0k (0.50x)").contains("failed");
        String other = table.lines().filter(l -> l.contains("100 conns x 32 B") && l.contains("msg/s"))
                .findFirst().orElseThrow();
        assertThat(other).contains("500.0k").contains(" - ");
        assertThat(table).contains("Failed scenarios:").contains("spring-tomcat throughput");
    }

    @Test
    void chartIsWellFormedSvgWithABarPerOkResult() throws Exception {
        String svg = SvgChart.throughput(results, Map.of("subtitle", "test <&>"));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        long bars = doc.getElementsByTagName("rect").getLength();
        assertThat(bars).isEqualTo(1 + 3 + 3);
    }

    @Test
    void niceCeilingIsAboveTheMaximum() {
        assertThat(SvgChart.niceCeiling(380_000)).isEqualTo(500_000);
        assertThat(SvgChart.niceCeiling(99)).isEqualTo(120);
    }
}
