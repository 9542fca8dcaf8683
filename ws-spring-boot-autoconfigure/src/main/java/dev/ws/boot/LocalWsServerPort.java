package dev.ws.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the WebSocket server listens on ({@code local.ws.server.port}), for tests run
 * with {@code ws.server.port=0}; the counterpart of Spring Boot's {@code @LocalServerPort}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Value("${" + WsServerPortInfoApplicationContextInitializer.PROPERTY + "}")
public @interface LocalWsServerPort {
}
