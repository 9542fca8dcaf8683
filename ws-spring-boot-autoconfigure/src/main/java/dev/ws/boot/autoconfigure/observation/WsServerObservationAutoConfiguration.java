package dev.ws.boot.autoconfigure.observation;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.observation.WsHandshakeObservationConvention;
import dev.ws.boot.observation.WsMessageObservationConvention;
import dev.ws.boot.observation.WsServerObservations;
import dev.ws.server.WebSocketServer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observations of handshakes and handled messages (see {@link WsServerObservations}) when
 * micrometer-observation is on the classpath and the application has an
 * {@link ObservationRegistry} (Boot's, with {@code spring-boot-micrometer-observation}). Ordered
 * after Boot's observation auto-configuration by class name, so Micrometer stays optional. The
 * bean is a {@code ServerListener} and a {@code WsHandlerDecorator}, which the server picks up.
 * {@code management.observations.enable.ws.server=false} turns them off through Boot's predicate.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, WebSocketServer.class})
public final class WsServerObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsServerObservations wsServerObservations(ObservationRegistry registry,
            ObjectProvider<WsHandshakeObservationConvention> handshakeConvention,
            ObjectProvider<WsMessageObservationConvention> messageConvention) {
        return new WsServerObservations(registry, handshakeConvention.getIfAvailable(),
                messageConvention.getIfAvailable());
    }
}
