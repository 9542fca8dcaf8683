package dev.ws.boot.autoconfigure.health;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.health.WsHealthIndicator;
import dev.ws.server.WebSocketServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The "ws" health indicator, when Spring Boot's health support is on the classpath and
 * {@code management.health.ws.enabled} is not false. The health conditions sit on a nested class:
 * their condition classes live in spring-boot-health and must not be loaded without it.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public final class WsHealthContributorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(WebSocketServer.class)
    @ConditionalOnEnabledHealthIndicator("ws")
    static class WsHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "wsHealthIndicator")
        WsHealthIndicator wsHealthIndicator(WebSocketServer server) {
            return new WsHealthIndicator(server);
        }
    }
}
