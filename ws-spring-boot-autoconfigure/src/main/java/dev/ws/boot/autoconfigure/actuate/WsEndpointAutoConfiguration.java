package dev.ws.boot.autoconfigure.actuate;

import dev.ws.boot.WsHandlerEndpoints;
import dev.ws.boot.actuate.WsEndpoint;
import dev.ws.boot.actuate.WsOpenSessions;
import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.server.WebSocketServer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The {@code ws} actuator endpoint ({@link WsEndpoint}) and the {@link WsOpenSessions} it reads,
 * when spring-boot-actuator is on the classpath and the endpoint is available: enabled and
 * exposed, which over HTTP means {@code management.endpoints.web.exposure.include} names
 * {@code ws}. The actuator conditions sit on a nested class, so that their classes are not
 * loaded without the actuator.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
public final class WsEndpointAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(WebSocketServer.class)
    @ConditionalOnAvailableEndpoint(WsEndpoint.class)
    static class WsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WsOpenSessions wsOpenSessions() {
            return new WsOpenSessions();
        }

        @Bean
        @ConditionalOnMissingBean
        WsEndpoint wsEndpoint(WebSocketServer server, WsOpenSessions sessions,
                ObjectProvider<WsHandlerEndpoints> endpoints, ListableBeanFactory beans) {
            return new WsEndpoint(server, sessions, endpoints.getIfAvailable(), name -> {
                Class<?> type = beans.getType(name);
                return type == null ? null : ClassUtils.getUserClass(type);
            });
        }
    }
}
