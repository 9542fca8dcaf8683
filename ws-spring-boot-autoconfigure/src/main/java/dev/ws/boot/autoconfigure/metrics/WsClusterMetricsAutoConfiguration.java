package dev.ws.boot.autoconfigure.metrics;

import dev.ws.boot.autoconfigure.cluster.WsClusterAutoConfiguration;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.boot.metrics.WsClusterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters of the cluster broadcast bus (see {@link WsClusterMetrics}) when Micrometer is on the
 * classpath and the application has a {@link MeterRegistry} and a {@link RedisBroadcastBus}.
 * Ordered after Boot's metrics auto-configurations by class name, so Micrometer stays optional.
 */
@AutoConfiguration(after = WsClusterAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, RedisBroadcastBus.class})
public final class WsClusterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsClusterMetrics wsClusterMetrics(MeterRegistry registry, RedisBroadcastBus bus) {
        return new WsClusterMetrics(registry, Tags.empty(), bus);
    }
}
