package dev.ws.boot.autoconfigure.metrics;

import dev.ws.boot.WsServerStartedEvent;
import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.metrics.WsServerMetrics;
import dev.ws.server.WebSocketServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Meters for the WebSocket server (see {@link WsServerMetrics}) when Micrometer is on the
 * classpath and the application has a {@link MeterRegistry}. Ordered after Boot's metrics
 * auto-configurations by class name, so Micrometer stays optional. The metrics bean is a
 * {@code ServerListener}, composed into the server with any the application defines.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, WebSocketServer.class})
public final class WsServerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsServerMetrics wsServerMetrics(MeterRegistry registry) {
        return new WsServerMetrics(registry, Tags.empty());
    }

    /** Registers each endpoint's meters when the server starts, so they exist (at 0) before traffic. */
    @Bean
    ApplicationListener<WsServerStartedEvent> wsServerMetricsEndpoints(WsServerMetrics metrics) {
        return event -> metrics.registerEndpoints(
                event.getServer().routes().stream().map(r -> r.path().template()).toList());
    }
}
