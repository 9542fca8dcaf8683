package dev.ws.boot.it;

import dev.ws.HandshakeRejectedException;
import dev.ws.handler.HandshakeInfo;
import dev.ws.server.HandshakeInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A real application for the integration test: handlers in this package, found by the scan. */
@SpringBootApplication
public class ItApplication {

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** /secure needs "Authorization: Bearer good" (401 otherwise) and gets the user as principal. */
    @Bean
    HandshakeInterceptor bearerToken() {
        return (request, attributes) -> {
            if (!request.route().equals("/secure")) {
                return;
            }
            if (!"Bearer good".equals(request.header("Authorization"))) {
                throw new HandshakeRejectedException(401, "bearer token required");
            }
            attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (Principal) () -> "ann");
        };
    }
}
