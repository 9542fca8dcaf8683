package dev.ws.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.autoconfigure.actuate.WsEndpointAutoConfiguration;
import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint exists only when it is exposed, like Boot's own, and never without the actuator or a server. */
class WsEndpointAutoConfigurationTest {

    @WsHandler("/echo")
    static class Echo {
        @OnMessage
        String echo(String text) {
            return text;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, WsEndpointAutoConfiguration.class))
            .withBean(Echo.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    @Test
    void isNotCreatedUnlessExposed() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(WsEndpoint.class).doesNotHaveBean(WsOpenSessions.class));
    }

    @Test
    void isCreatedWhenExposedOverJmx() {
        runner.withPropertyValues("management.endpoints.jmx.exposure.include=ws", "spring.jmx.enabled=true")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(WsEndpoint.class).hasSingleBean(WsOpenSessions.class);
                    WsEndpoint.WsServerDescriptor d = ctx.getBean(WsEndpoint.class).server();
                    assertThat(d.handlers()).singleElement().satisfies(h -> {
                        assertThat(h.path()).isEqualTo("/echo");
                        assertThat(h.type()).isEqualTo(Echo.class.getName());
                    });
                });
    }

    @Test
    void isNotCreatedWhenDisabledOrWithoutTheActuator() {
        runner.withPropertyValues("management.endpoints.jmx.exposure.include=ws", "spring.jmx.enabled=true",
                "management.endpoint.ws.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(WsEndpoint.class));
        runner.withPropertyValues("management.endpoints.jmx.exposure.include=ws", "spring.jmx.enabled=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(WsEndpoint.class));
    }
}
