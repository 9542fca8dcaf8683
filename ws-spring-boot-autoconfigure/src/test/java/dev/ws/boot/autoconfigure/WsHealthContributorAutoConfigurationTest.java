package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.autoconfigure.health.WsHealthContributorAutoConfiguration;
import dev.ws.boot.health.WsHealthIndicator;
import dev.ws.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The "ws" health indicator: UP with port and connections while listening, DOWN after stop. */
class WsHealthContributorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class,
                    WsHealthContributorAutoConfiguration.class))
            .withUserConfiguration(TestHandlers.EchoConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    @Test
    void upWithPortWhileListeningDownAfterStop() {
        runner.run(ctx -> {
            assertThat(ctx).hasBean("wsHealthIndicator");
            HealthIndicator indicator = ctx.getBean(WsHealthIndicator.class);
            WebSocketServer server = ctx.getBean(WebSocketServer.class);
            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("port", server.port()).containsEntry("connections", 0);
            server.stop(java.time.Duration.ofMillis(100));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void canBeDisabled() {
        runner.withPropertyValues("management.health.ws.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(WsHealthIndicator.class));
    }

    @Test
    void absentWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(WsHealthIndicator.class));
    }
}
