package dev.ws.boot.autoconfigure.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.autoconfigure.health.WsClusterHealthContributorAutoConfiguration;
import dev.ws.boot.autoconfigure.metrics.WsClusterMetricsAutoConfiguration;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.boot.health.WsClusterHealthIndicator;
import dev.ws.boot.metrics.WsClusterMetrics;
import dev.ws.handler.BroadcastBus;
import dev.ws.handler.InMemoryBroadcastBus;
import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * When the Redis bus exists, how it backs off, how it fails fast, and that a Redis nobody answers
 * on neither stops the application nor its WebSocket server (the bus is DOWN and says so).
 */
class WsClusterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, WsClusterAutoConfiguration.class,
                    WsServerAutoConfiguration.class, WsClusterMetricsAutoConfiguration.class,
                    WsClusterHealthContributorAutoConfiguration.class))
            .withUserConfiguration(EchoConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1",
                    "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + closedPort(),
                    "spring.data.redis.connect-timeout=500ms", "ws.cluster.redis.retry-interval=100ms",
                    "ws.cluster.shutdown-timeout=0s");

    @WsHandler("/echo")
    static class Echo {
        @OnMessage
        String echo(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfig {
        @Bean
        Echo echo() {
            return new Echo();
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noBusUnlessEnabled() {
        runner.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(BroadcastBus.class).doesNotHaveBean(WsClusterProperties.class);
            assertThat(ctx.getBean(WsSessionRegistry.class).bus()).isInstanceOf(InMemoryBroadcastBus.class);
        });
    }

    @Test
    void redisBusOnBootsLettuceFactoryWhenEnabledAndTheRegistryPublishesOnIt() {
        runner.withPropertyValues("ws.cluster.enabled=true", "ws.cluster.redis.stream=chat:events").run(ctx -> {
            assertThat(ctx).hasSingleBean(RedisBroadcastBus.class);
            RedisBroadcastBus bus = ctx.getBean(RedisBroadcastBus.class);
            assertThat(ctx.getBean(WsSessionRegistry.class).bus()).isSameAs(bus);
            assertThat(bus.stream()).isEqualTo("chat:events");
            assertThat(bus.isRunning()).isTrue();
        });
    }

    @Test
    void aRedisNobodyAnswersOnLeavesTheServerRunningAndTheBusDown() {
        runner.withPropertyValues("ws.cluster.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(WebSocketServer.class).isRunning()).isTrue();
            RedisBroadcastBus bus = ctx.getBean(RedisBroadcastBus.class);
            await().atMost(10, TimeUnit.SECONDS).until(() -> bus.state() == BroadcastBus.State.DOWN);
            Health health = ctx.getBean(WsClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "DOWN").containsEntry("stream", "ws:broadcast")
                    .containsKeys("since", "node", "buffered", "bufferedBytes", "lastError");
            ctx.getBean(WsSessionRegistry.class).broadcastAll("kept for Redis");
            assertThat(bus.buffered()).isEqualTo(1);
        });
    }

    @Test
    void metersTheBusWithAMeterRegistry() {
        runner.withPropertyValues("ws.cluster.enabled=true").withBean(SimpleMeterRegistry.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(WsClusterMetrics.class);
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            for (String name : new String[] {"ws.cluster.messages.published", "ws.cluster.messages.received",
                    "ws.cluster.publish.failures", "ws.cluster.messages.lost", "ws.cluster.messages.duplicates",
                    "ws.cluster.lag", "ws.cluster.buffered", "ws.cluster.buffered.bytes", "ws.cluster.connected"}) {
                assertThat(meters.find(name).meter()).as(name).isNotNull();
            }
            ctx.getBean(WsSessionRegistry.class).broadcastAll("x");
            assertThat(meters.get("ws.cluster.buffered").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ws.cluster.connected").gauge().value()).isZero();
        });
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        runner.withPropertyValues("ws.cluster.enabled=true", "management.health.ws-cluster.enabled=false")
                .run(ctx -> assertThat(ctx).hasSingleBean(RedisBroadcastBus.class)
                        .doesNotHaveBean(WsClusterHealthIndicator.class));
    }

    @Test
    void backsOffForTheApplicationsBus() {
        runner.withPropertyValues("ws.cluster.enabled=true").withBean("myBus", BroadcastBus.class, InMemoryBroadcastBus::new)
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(BroadcastBus.class).hasBean("myBus")
                            .doesNotHaveBean(WsClusterMetrics.class).doesNotHaveBean(WsClusterHealthIndicator.class);
                    assertThat(ctx.getBean(WsSessionRegistry.class).bus()).isSameAs(ctx.getBean("myBus"));
                });
    }

    @Test
    void failsFastWhenEnabledWithoutSpringDataRedis() {
        runner.withPropertyValues("ws.cluster.enabled=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ws.cluster.enabled=true needs Spring Data Redis with Lettuce")
                        .hasMessageContaining("spring-boot-starter-data-redis"));
    }

    @Test
    void failsFastWithAConnectionFactoryOtherThanLettuce() {
        runner.withPropertyValues("ws.cluster.enabled=true")
                .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs Spring Boot's Lettuce connection factory"));
    }

    @Test
    void failsFastOnAnInvalidSetting() {
        runner.withPropertyValues("ws.cluster.enabled=true", "ws.cluster.buffer.max-messages=0")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("invalid ws.cluster configuration: buffer max-messages must be positive, got 0"));
    }
}
