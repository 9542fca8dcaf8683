package dev.ws.boot.autoconfigure.health;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.health.WsHealthIndicator;
import dev.ws.server.WebSocketServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The "ws" health indicator, when Spring Boot's health support is on the classpath and
 * {@code management.health.ws.enabled} is not false.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(WebSocketServer.class)
@ConditionalOnEnabledHealthIndicator("ws")
public final class WsHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wsHealthIndicator")
    WsHealthIndicator wsHealthIndicator(WebSocketServer server) {
        return new WsHealthIndicator(server);
    }
}
