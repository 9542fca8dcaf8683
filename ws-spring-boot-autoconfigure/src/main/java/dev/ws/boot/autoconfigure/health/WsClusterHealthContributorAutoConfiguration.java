package dev.ws.boot.autoconfigure.health;

import dev.ws.boot.autoconfigure.cluster.WsClusterAutoConfiguration;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.boot.health.WsClusterHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The "wsCluster" health indicator for the Redis broadcast bus, when Spring Boot's health support
 * is on the classpath and {@code management.health.ws-cluster.enabled} is not false.
 */
@AutoConfiguration(after = WsClusterAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public final class WsClusterHealthContributorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(RedisBroadcastBus.class)
    @ConditionalOnEnabledHealthIndicator("ws-cluster")
    static class WsClusterHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "wsClusterHealthIndicator")
        WsClusterHealthIndicator wsClusterHealthIndicator(RedisBroadcastBus bus) {
            return new WsClusterHealthIndicator(bus);
        }
    }
}
