package dev.ws.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of WebSocket handlers against the real engine, like {@code @WebMvcTest} for MVC: the
 * application's configuration is found as for {@code @SpringBootTest}, but only the
 * {@code @WsHandler} beans (all, or those named in {@link #handlers()}) and the beans that shape
 * the server ({@code HandshakeInterceptor}, {@code ServerListener}, {@code FrameListener},
 * {@code WsServerCustomizer}, {@code WsHandlerDecorator}, {@code MessageCodec},
 * {@code ExtensionNegotiator}, Jackson components) are created; other components are not, so
 * their collaborators come from {@code @MockitoBean} or {@code @Import}. Auto-configuration is
 * limited to the ws starter's ({@link AutoConfigureWs}) and Jackson's.
 *
 * <p>The server listens on a random port ({@code ws.server.port=0}, overridable with
 * {@link #properties()}) and a {@link dev.ws.boot.test.client.WsTestClient} bean is connected to
 * it ({@link AutoConfigureWsTestClient}):
 * <pre>{@code
 * @WsTest(EchoHandler.class)
 * class EchoHandlerTest {
 *     @Autowired WsTestClient client;
 *
 *     @Test
 *     void echoes() {
 *         client.connect("/echo").sendText("hi").expectText("hi");
 *     }
 * }
 * }</pre>
 * Like other slices, the context is cached and shared by tests with the same configuration; the
 * server stops when the cache closes it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(WsTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(WsTypeExcludeFilter.class)
@AutoConfigureJson
@AutoConfigureWs
@AutoConfigureWsTestClient
@ImportAutoConfiguration
public @interface WsTest {

    /** Alias of {@link #handlers()}. */
    @AliasFor("handlers")
    Class<?>[] value() default {};

    /** The {@code @WsHandler} classes to run; empty (the default) runs all of them. */
    @AliasFor("value")
    Class<?>[] handlers() default {};

    /** Properties in {@code key=value} form, added after {@code ws.server.port=0} (so they win). */
    String[] properties() default {};

    /** Whether the default includes (handlers and server-shaping beans) apply; false leaves only {@link #includeFilters()}. */
    boolean useDefaultFilters() default true;

    /** More component types to include. */
    Filter[] includeFilters() default {};

    /** Component types to leave out. */
    Filter[] excludeFilters() default {};

    /** Auto-configurations to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
