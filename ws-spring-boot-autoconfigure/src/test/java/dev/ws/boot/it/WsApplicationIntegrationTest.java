package dev.ws.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.boot.LocalWsServerPort;
import dev.ws.boot.TestClient;
import dev.ws.boot.WsHandlerEndpoints;
import dev.ws.boot.health.WsHealthIndicator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A whole application on a random port, driven by the JDK's WebSocket client: scanning, JSON,
 * path variables, replies, close codes, handshake rejections, metrics after traffic and health.
 */
@SpringBootTest(classes = ItApplication.class, properties = {"ws.server.port=0", "ws.server.event-loops=1",
        "ws.server.allowed-origins=http://good.example", "ws.server.capture-headers=X-Client"})
class WsApplicationIntegrationTest {

    private static final Map<String, String> GOOD_ORIGIN = Map.of("Origin", "http://good.example");

    @LocalWsServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WsHandlerEndpoints endpoints;

    @Autowired
    WsHealthIndicator health;

    @Test
    void routesEachHandlerOnceScannedOrComponent() {
        assertThat(endpoints.getEndpoints()).extracting(WsHandlerEndpoints.Endpoint::path)
                .containsExactlyInAnyOrder("/chat/{room}", "/echo", "/secure", "/proto");
    }

    @Test
    void decodesJsonBindsPathVariablesAndRepliesWithJson() throws Exception {
        TestClient alice = TestClient.connect(port, "/chat/lobby", GOOD_ORIGIN);
        TestClient bob = TestClient.connect(port, "/chat/lobby", GOOD_ORIGIN);
        TestClient carol = TestClient.connect(port, "/chat/kitchen", GOOD_ORIGIN);
        awaitValue(() -> gauge("ws.connections.active", "/chat/{room}"), 3);

        String event = alice.sendAndReceive("{\"user\":\"alice\",\"text\":\"hi\"}");
        assertThat(event).isEqualTo("{\"room\":\"lobby\",\"user\":\"alice\",\"text\":\"hi\",\"members\":2}");
        assertThat(bob.next()).isEqualTo(event);
        assertThat(carol.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
        for (TestClient c : new TestClient[] {alice, bob, carol}) {
            c.ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void echoesTextAndBinary() throws Exception {
        TestClient c = TestClient.connect(port, "/echo", GOOD_ORIGIN);
        assertThat(c.sendAndReceive("ping")).isEqualTo("ping");
        c.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat((byte[]) c.next()).containsExactly(1, 2, 3);
        c.ws.sendClose(1000, "");
        assertThat(c.awaitClose()).isEqualTo(1000);
    }

    @Test
    void closesWithTheCodesTheHandlersCause() throws Exception {
        TestClient byHandler = TestClient.connect(port, "/chat/a", GOOD_ORIGIN);
        byHandler.ws.sendText("{\"user\":\"x\",\"text\":\"close\"}", true).join();
        assertThat(byHandler.awaitClose()).isEqualTo(4001);

        TestClient failing = TestClient.connect(port, "/chat/a", GOOD_ORIGIN);
        failing.ws.sendText("{\"user\":\"x\",\"text\":\"boom\"}", true).join();
        assertThat(failing.awaitClose()).isEqualTo(CloseCodes.INTERNAL_ERROR);

        TestClient garbage = TestClient.connect(port, "/chat/a", GOOD_ORIGIN);
        garbage.ws.sendText("{not json", true).join();
        assertThat(garbage.awaitClose()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void interceptorRejectsWith401AndAttachesThePrincipal() throws Exception {
        assertThat(TestClient.rejectionStatus(port, "/secure", GOOD_ORIGIN)).isEqualTo(401);
        TestClient c = TestClient.connect(port, "/secure?q=1",
                Map.of("Origin", "http://good.example", "Authorization", "Bearer good", "X-Client", "junit"));
        assertThat(c.next()).isEqualTo("hello ann via junit q=1");
    }

    @Test
    void negotiatesTheHandlersSubprotocols() throws Exception {
        TestClient listener = new TestClient();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://good.example").subprotocols("v1.chat", "v3.chat")
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/proto"), listener)
                .get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("v1.chat");
        assertThat(listener.next()).isEqualTo("speaking v1.chat");
        ws.abort();
    }

    @Test
    void originAllowListRejectsWith403() throws Exception {
        assertThat(TestClient.rejectionStatus(port, "/echo", Map.of("Origin", "http://evil.example"))).isEqualTo(403);
        assertThat(TestClient.rejectionStatus(port, "/echo", Map.of())).isEqualTo(403);
    }

    @Test
    void metersCountTheTrafficByTemplate() throws Exception {
        double opened = count("ws.connections.opened", "handler", "/chat/{room}");
        double closed1011 = count("ws.connections.closed", "handler", "/chat/{room}", "code", "1011");
        double closed4xxx = count("ws.connections.closed", "handler", "/chat/{room}", "code", "4xxx");
        double received = count("ws.messages.received", "handler", "/chat/{room}", "type", "text");
        double sent = count("ws.messages.sent", "handler", "/chat/{room}", "type", "text");
        double rejected403 = count("ws.handshakes.rejected", "status", "403", "reason", "origin not allowed");
        double errors = timerCount("error");

        TestClient a = TestClient.connect(port, "/chat/metrics", GOOD_ORIGIN);
        TestClient b = TestClient.connect(port, "/chat/metrics", GOOD_ORIGIN);
        awaitValue(() -> count("ws.connections.opened", "handler", "/chat/{room}"), opened + 2);
        a.sendAndReceive("{\"user\":\"a\",\"text\":\"one\"}");
        b.next();
        a.ws.sendText("{\"user\":\"a\",\"text\":\"boom\"}", true).join();
        assertThat(a.awaitClose()).isEqualTo(1011);
        b.ws.sendText("{\"user\":\"b\",\"text\":\"close\"}", true).join();
        assertThat(b.awaitClose()).isEqualTo(4001);
        TestClient.rejectionStatus(port, "/chat/metrics", Map.of("Origin", "http://evil.example"));

        awaitValue(() -> count("ws.connections.closed", "handler", "/chat/{room}", "code", "4xxx"), closed4xxx + 1);
        assertThat(count("ws.connections.closed", "handler", "/chat/{room}", "code", "1011")).isEqualTo(closed1011 + 1);
        assertThat(count("ws.messages.received", "handler", "/chat/{room}", "type", "text")).isEqualTo(received + 3);
        assertThat(count("ws.messages.sent", "handler", "/chat/{room}", "type", "text")).isEqualTo(sent + 2);
        assertThat(count("ws.handshakes.rejected", "status", "403", "reason", "origin not allowed"))
                .isEqualTo(rejected403 + 1);
        assertThat(timerCount("error")).isEqualTo(errors + 1);
        assertThat(meters.get("ws.messages.size").tags("handler", "/chat/{room}", "direction", "in").summary()
                .totalAmount()).isGreaterThan(0);
        assertThat(meters.find("ws.connections.active").tag("handler", "/chat/metrics").gauges()).isEmpty();
        assertThat(meters.get("ws.outbound.queued.bytes").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void healthIsUpWithThePort() {
        var h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("port", port);
    }

    private double count(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private double timerCount(String outcome) {
        var t = meters.find("ws.message.handling").tags("handler", "/chat/{room}", "outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    private double gauge(String name, String handler) {
        var g = meters.find(name).tag("handler", handler).gauge();
        return g == null ? -1 : g.value();
    }

    private static void awaitValue(DoubleSupplier value, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(value.getAsDouble()).isEqualTo(expected);
    }
}
