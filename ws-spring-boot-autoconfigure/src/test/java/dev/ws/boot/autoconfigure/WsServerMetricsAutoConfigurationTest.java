package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.TestClient;
import dev.ws.boot.autoconfigure.metrics.WsServerMetricsAutoConfiguration;
import dev.ws.boot.metrics.WsServerMetrics;
import dev.ws.server.WebSocketServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Meters exist only with Micrometer and a registry, and count real traffic. */
class WsServerMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class,
                    WsServerMetricsAutoConfiguration.class))
            .withUserConfiguration(TestHandlers.EchoConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    @Test
    void bindsMetersWhenARegistryExists() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class)).run(ctx -> {
                    assertThat(ctx).hasSingleBean(WsServerMetrics.class);
                    MeterRegistry registry = ctx.getBean(MeterRegistry.class);
                    // registered at start, before any traffic
                    assertThat(registry.get("ws.connections.active").tag("handler", "/echo").gauge().value()).isZero();
                    int port = ctx.getBean(WebSocketServer.class).port();
                    TestClient c = TestClient.connect(port, "/echo");
                    assertThat(c.sendAndReceive("abc")).isEqualTo("abc");
                    assertThat(registry.get("ws.connections.active").tag("handler", "/echo").gauge().value()).isEqualTo(1);
                    assertThat(registry.get("ws.messages.received").tags("handler", "/echo", "type", "text").counter()
                            .count()).isEqualTo(1);
                });
    }

    @Test
    void composesTheMetricsListenerWithTheServer() {
        runner.withBean(SimpleMeterRegistry.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(WsServerMetrics.class);
            TestClient c = TestClient.connect(ctx.getBean(WebSocketServer.class).port(), "/echo");
            c.sendAndReceive("x");
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.get("ws.connections.opened").tag("handler", "/echo").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void noMetersWithoutARegistryBean() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(WsServerMetrics.class));
    }

    @Test
    void noMetersWithoutMicrometerOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(WebSocketServer.class).doesNotHaveBean(WsServerMetrics.class);
        });
    }
}
