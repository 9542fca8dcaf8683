package dev.ws.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.LocalWsServerPort;
import dev.ws.boot.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ws} endpoint over real HTTP (Tomcat on a random port) while real sessions are open:
 * the JSON of {@code /actuator/ws} and of one handler's sessions, by bean name and by template.
 */
@SpringBootTest(classes = WsEndpointWebIntegrationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=ws", "ws.server.port=0", "ws.server.event-loops=1",
                "ws.server.limits.max-message-size=2MB", "ws.server.timeouts.idle=0"})
class WsEndpointWebIntegrationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @LocalServerPort
    int httpPort;

    @LocalWsServerPort
    int wsPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.shared();
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void connect() throws Exception {
        alice = TestClient.connect(wsPort, "/chat/lobby");
        bob = TestClient.connect(wsPort, "/chat/kitchen");
        assertThat(alice.sendAndReceive("hi")).isEqualTo("hi");
    }

    @AfterEach
    void disconnect() throws Exception {
        for (TestClient c : new TestClient[] {alice, bob}) {
            c.ws.sendClose(1000, "").get();
            c.awaitClose();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void describesMappingsLimitsTimeoutsAndSessionCounts() throws Exception {
        HttpResponse<String> response = get("/actuator/ws");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ws = json.readTree(response.body());
        assertThat(ws.get("running").asBoolean()).isTrue();
        assertThat(ws.get("port").asInt()).isEqualTo(wsPort);
        assertThat(ws.get("connections").asInt()).isEqualTo(2);
        assertThat(ws.get("eventLoops").asInt()).isEqualTo(1);
        assertThat(ws.get("dispatchMode").asString()).isEqualTo("VIRTUAL_THREADS");

        JsonNode chat = ws.get("handlers").get(0);
        assertThat(ws.get("handlers").size()).isEqualTo(1);
        assertThat(chat.get("path").asString()).isEqualTo("/chat/{room}");
        assertThat(chat.get("bean").asString()).isEqualTo("actuatedChatHandler");
        assertThat(chat.get("type").asString()).isEqualTo(ActuatedChatHandler.class.getName());
        assertThat(chat.get("subprotocols").get(0).asString()).isEqualTo("v1.chat");
        assertThat(chat.get("sessions").asInt()).isEqualTo(2);

        JsonNode limits = ws.get("limits");
        assertThat(limits.get("maxMessageSize").asLong()).isEqualTo(2 * 1024 * 1024);
        assertThat(limits.get("maxFramePayload").asLong()).isEqualTo(1024 * 1024);
        assertThat(limits.get("maxConnections").asInt()).isEqualTo(10_000);
        assertThat(limits.get("slowConsumerPolicy").asString()).isEqualTo("FAIL_SEND");
        JsonNode timeouts = ws.get("timeouts");
        assertThat(timeouts.get("handshake").asString()).isEqualTo("PT10S");
        assertThat(timeouts.get("idle").asString()).isEqualTo("PT0S");
        assertThat(timeouts.get("slowConsumer").asString()).isEqualTo("PT30S");
        assertThat(timeouts.get("shutdown").asString()).isEqualTo("PT5S");
    }

    @Test
    void listsTheSessionsOfOneHandlerByBeanNameOrTemplateWithoutContents() throws Exception {
        String bean = json.readTree(get("/actuator/ws").body()).get("handlers").get(0).get("bean").asString();
        HttpResponse<String> byBean = get("/actuator/ws/" + bean);
        assertThat(byBean.statusCode()).isEqualTo(200);
        JsonNode handler = json.readTree(byBean.body());
        assertThat(handler.get("path").asString()).isEqualTo("/chat/{room}");
        assertThat(handler.get("total").asInt()).isEqualTo(2);
        JsonNode sessions = handler.get("sessions");
        assertThat(sessions.size()).isEqualTo(2);
        JsonNode first = sessions.get(0);
        assertThat(first.get("id").asString()).isNotEmpty();
        assertThat(first.get("remoteAddress").asString()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(first.get("path").asString()).isEqualTo("/chat/lobby"); // oldest first
        assertThat(first.get("queuedBytes").asLong()).isZero();
        assertThat(first.get("age").asString()).startsWith("PT");
        assertThat(first.get("openedAt").asString()).endsWith("Z");
        assertThat(byBean.body()).doesNotContain("\"hi\"");

        JsonNode byTemplate = json.readTree(get("/actuator/ws/chat/%7Broom%7D?limit=1").body());
        assertThat(byTemplate.get("total").asInt()).isEqualTo(2);
        assertThat(byTemplate.get("sessions").size()).isEqualTo(1);
        assertThat(get("/actuator/ws/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void countsDropWhenSessionsClose() throws Exception {
        TestClient carol = TestClient.connect(wsPort, "/chat/lobby");
        carol.ws.sendClose(1000, "").get();
        carol.awaitClose();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                json.readTree(get("/actuator/ws").body()).get("handlers").get(0).get("sessions").asInt() == 2);
    }
}
