package dev.ws.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.server.WebSocketSession;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each hook moves the right meter; tag values stay bounded whatever the peers send. */
class WsServerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WsServerMetrics metrics = new WsServerMetrics(registry, Tags.of("app", "test"));

    private static WebSocketSession session(String route, long queued) {
        return (WebSocketSession) Proxy.newProxyInstance(WebSocketSession.class.getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (p, m, a) -> switch (m.getName()) {
                    case "route" -> route;
                    case "queuedBytes" -> queued;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    @Test
    void countsOpenAndCloseByTemplateAndCode() {
        WebSocketSession a = session("/chat/{room}", 10);
        WebSocketSession b = session("/chat/{room}", 5);
        metrics.onOpen(a);
        metrics.onOpen(b);
        assertThat(registry.get("ws.connections.active").tags("handler", "/chat/{room}", "app", "test").gauge().value())
                .isEqualTo(2);
        assertThat(registry.get("ws.outbound.queued.bytes").gauge().value()).isEqualTo(15);
        metrics.onClose(a, new CloseStatus(1001, ""));
        metrics.onClose(b, new CloseStatus(4321, "app"));
        assertThat(registry.get("ws.connections.active").gauge().value()).isZero();
        assertThat(registry.get("ws.connections.opened").counter().count()).isEqualTo(2);
        assertThat(registry.get("ws.connections.closed").tag("code", "1001").counter().count()).isEqualTo(1);
        assertThat(registry.get("ws.connections.closed").tag("code", "4xxx").counter().count()).isEqualTo(1);
        assertThat(registry.get("ws.outbound.queued.bytes").gauge().value()).isZero();
    }

    @Test
    void countsMessagesSizesAndHandling() {
        WebSocketSession s = session("/echo", 0);
        metrics.onMessageReceived(s, OpCode.TEXT, 10);
        metrics.onMessageReceived(s, OpCode.BINARY, 20);
        metrics.onMessageReceived(s, OpCode.PONG, 0);
        metrics.onMessageSent(s, OpCode.TEXT, 30);
        metrics.onHandled(s, 1_000_000, null);
        metrics.onHandled(s, 2_000_000, new IllegalStateException());
        assertThat(registry.get("ws.messages.received").tag("type", "text").counter().count()).isEqualTo(1);
        assertThat(registry.get("ws.messages.received").tag("type", "pong").counter().count()).isEqualTo(1);
        assertThat(registry.get("ws.messages.sent").tag("type", "text").counter().count()).isEqualTo(1);
        assertThat(registry.get("ws.messages.size").tag("direction", "in").summary().totalAmount()).isEqualTo(30);
        assertThat(registry.get("ws.messages.size").tag("direction", "out").summary().totalAmount()).isEqualTo(30);
        assertThat(registry.get("ws.message.handling").tag("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("ws.message.handling").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void capsTheNumberOfRejectionReasons() {
        for (int i = 0; i < 100; i++) {
            metrics.onHandshakeRejected(401, "reason " + i);
        }
        metrics.onHandshakeRejected(401, "reason 0");
        assertThat(registry.find("ws.handshakes.rejected").counters()).hasSize(WsServerMetrics.MAX_REJECTION_REASONS + 1);
        assertThat(registry.get("ws.handshakes.rejected").tag("reason", "other").counter().count()).isEqualTo(100 - 32);
        assertThat(registry.get("ws.handshakes.rejected").tag("reason", "reason 0").counter().count()).isEqualTo(2);
    }

    @Test
    void closeCodeTagsAreBounded() {
        assertThat(List.of(1000, 1011, 1015, 2999, 3000, 3999, 4000, 4999, 5000))
                .map(WsServerMetrics::codeTag)
                .containsExactly("1000", "1011", "1015", "other", "3xxx", "3xxx", "4xxx", "4xxx", "other");
    }

    @Test
    void preRegistersEndpoints() {
        metrics.registerEndpoints(List.of("/a", "/b/{x}"));
        assertThat(registry.find("ws.connections.active").gauges()).hasSize(2);
        assertThat(registry.get("ws.messages.received").tags("handler", "/b/{x}", "type", "binary").counter().count())
                .isZero();
    }
}
