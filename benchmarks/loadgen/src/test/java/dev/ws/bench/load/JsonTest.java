package dev.ws.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins that result lines survive a write and a read, escapes and non-finite numbers included. */
class JsonTest {

    @Test
    void flatObjectRoundTrips() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("server", "net\"ty\\\n");
        r.put("msgs", 1234567L);
        r.put("rate", 412345.678);
        r.put("ok", true);
        r.put("none", null);
        r.put("nan", Double.NaN);
        Map<String, Object> back = Json.readFlat(Json.write(r));
        assertThat(back.get("server")).isEqualTo("net\"ty\\\n");
        assertThat(back.get("msgs")).isEqualTo(1234567.0);
        assertThat((Double) back.get("rate")).isCloseTo(412345.678, org.assertj.core.data.Offset.offset(1.0));
        assertThat(back.get("ok")).isEqualTo(true);
        assertThat(back).containsEntry("none", null).containsEntry("nan", null);
    }

    @Test
    void writesNestedDocuments() {
        String json = Json.write(Map.of("results", List.of(Map.of("a", 1), Map.of("b", "x"))));
        assertThat(json).isEqualTo("{\"results\":[{\"a\":1},{\"b\":\"x\"}]}");
    }

    @Test
    void readLinesSkipsBlankAndNonObjectLines() {
        assertThat(Json.readLines(List.of("", "{\"a\":1}", "# note", " {\"b\":false} "))).hasSize(2);
    }
}
