package dev.ws.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.LocalWsServerPort;
import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the web server offers the page: the page, {@code /config.json} with the engine's real port,
 * and the actuator's health and {@code ws.*} metrics; and the echo endpoint kept for conformance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
@AutoConfigureWsTestClient
class SampleWebTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int webPort;

    @LocalWsServerPort
    int wsPort;

    @Autowired
    WsTestClient client;

    @Test
    void servesThePageAndItsScripts() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas id=\"conn-chart\"", "app.js", "linechart.js");
        for (String asset : new String[] {"/app.js", "/linechart.js", "/app.css"}) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void configTellsThePageTheEnginesActualPort() throws Exception {
        JsonNode config = json("/config.json");
        assertThat(wsPort).isPositive();
        assertThat(config.path("wsPort").asInt()).isEqualTo(wsPort);
        assertThat(config.path("chatPath").asString()).isEqualTo("/chat/{room}");
        assertThat(config.path("statsPath").asString()).isEqualTo("/stats");
    }

    @Test
    void actuatorShowsHealthAndTheWsMeters() throws Exception {
        JsonNode health = json("/actuator/health");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("ws").path("details").path("port").asInt()).isEqualTo(wsPort);

        double before = value("/actuator/metrics/ws.messages.received?tag=handler:/echo");
        try (WsTestSession echo = client.connect("/echo")) {
            echo.sendText("ping").expectText("ping");
            echo.sendBinary(new byte[] {1, 2, 3}).expectBinary(new byte[] {1, 2, 3});
            assertThat(value("/actuator/metrics/ws.connections.active?tag=handler:/echo")).isEqualTo(1);
        }
        assertThat(value("/actuator/metrics/ws.messages.received?tag=handler:/echo")).isEqualTo(before + 2);
    }

    private double value(String path) throws Exception {
        JsonNode m = json(path).path("measurements").get(0);
        return m.path("value").asDouble();
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + webPort + path.replace("{", "%7B").replace("}", "%7D"));
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
