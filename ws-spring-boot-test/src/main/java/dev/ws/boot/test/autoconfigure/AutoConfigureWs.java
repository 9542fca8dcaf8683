package dev.ws.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the ws starter's auto-configurations (server, {@code @WsHandler} scan, observations,
 * metrics, health, SSL bundles), listed in
 * {@code META-INF/spring/dev.ws.boot.test.autoconfigure.AutoConfigureWs.imports}. Part of
 * {@link WsTest}; usable on its own in a custom slice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWs {
}
