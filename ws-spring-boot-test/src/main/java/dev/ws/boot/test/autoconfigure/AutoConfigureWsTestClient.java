package dev.ws.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds a {@link dev.ws.boot.test.client.WsTestClient} bean connected to the application's
 * WebSocket server (its actual port, looked up at each connect) and using its
 * {@code MessageCodec}. Part of {@link WsTest}; put it on a {@code @SpringBootTest} to get the
 * client in a full application test:
 * <pre>{@code
 * @SpringBootTest(properties = "ws.server.port=0")
 * @AutoConfigureWsTestClient
 * class ChatApplicationTest {
 *     @Autowired WsTestClient client;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWsTestClient {
}
