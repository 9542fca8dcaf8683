package dev.ws.boot.autoconfigure.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.HandshakeRejectedException;
import dev.ws.boot.TestClient;
import dev.ws.boot.WsServerPortInfoApplicationContextInitializer;
import dev.ws.boot.autoconfigure.WsHandlerScanAutoConfiguration;
import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.observation.WsServerObservations;
import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import dev.ws.server.HandshakeInterceptor;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observations recorded in a {@link TestObservationRegistry} against a real server: one per
 * handshake and per handled message, named by path template, with the handler and the
 * interceptors running inside them.
 */
class WsServerObservationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsHandlerScanAutoConfiguration.class,
                    WsServerAutoConfiguration.class, WsServerObservationAutoConfiguration.class,
                    JacksonAutoConfiguration.class))
            .withInitializer(new WsServerPortInfoApplicationContextInitializer())
            .withUserConfiguration(RoomConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    /** What the handler and the interceptor saw as the current observation. */
    static final List<String> current = new CopyOnWriteArrayList<>();

    @WsHandler("/rooms/{room}")
    static class RoomHandler {
        private final ObservationRegistry registry;

        RoomHandler(ObservationRegistry registry) {
            this.registry = registry;
        }

        @OnMessage
        String message(String text) {
            Observation o = registry.getCurrentObservation();
            current.add("handler in " + (o == null ? "none" : o.getContext().getName()));
            if (text.equals("boom")) {
                throw new IllegalStateException("boom (expected by the test)");
            }
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RoomConfig {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }

        @Bean
        RoomHandler roomHandler(ObservationRegistry registry) {
            return new RoomHandler(registry);
        }

        /** Refuses requests without a token, and notes the observation it runs in. */
        @Bean
        HandshakeInterceptor token(ObservationRegistry registry) {
            return (request, attributes) -> {
                Observation o = registry.getCurrentObservation();
                current.add("interceptor in " + (o == null ? "none" : o.getContext().getName()));
                if (request.header("X-Token") == null) {
                    throw new HandshakeRejectedException(401, "token required");
                }
            };
        }
    }

    private static final Map<String, String> TOKEN = Map.of("X-Token", "t");

    @Test
    void observesTheHandshakeAndEachMessageByPathTemplate() {
        current.clear();
        runner.run(ctx -> {
            TestObservationRegistry registry = ctx.getBean(TestObservationRegistry.class);
            List<Observation.Context> seen = new CopyOnWriteArrayList<>();
            registry.observationConfig().observationHandler(new ObservationHandler<>() {
                @Override
                public void onStop(Observation.Context context) {
                    seen.add(context);
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            });
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            TestClient client = TestClient.connect(port, "/rooms/lobby", TOKEN);
            assertThat(client.sendAndReceive("hi")).isEqualTo("hi");
            client.ws.sendClose(1000, "").get();
            client.awaitClose();

            assertThat(registry).hasNumberOfObservationsWithNameEqualTo("ws.server.handshake", 1)
                    .hasObservationWithNameEqualTo("ws.server.handshake").that()
                    .hasContextualNameEqualTo("ws handshake /rooms/{room}")
                    .hasLowCardinalityKeyValue("ws.handler", "/rooms/{room}")
                    .hasLowCardinalityKeyValue("status", "101")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("ws.path", "/rooms/lobby")
                    .hasBeenStarted().hasBeenStopped();
            assertThat(registry).hasNumberOfObservationsWithNameEqualTo("ws.server.message", 1)
                    .hasObservationWithNameEqualTo("ws.server.message").that()
                    .hasContextualNameEqualTo("ws text /rooms/{room}")
                    .hasLowCardinalityKeyValue("ws.handler", "/rooms/{room}")
                    .hasLowCardinalityKeyValue("ws.message.type", "text")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .hasHighCardinalityKeyValue("ws.path", "/rooms/lobby")
                    .hasHighCardinalityKeyValue("ws.message.size", "2")
                    .hasBeenStopped();
            // the concrete path never becomes a low-cardinality value
            assertThat(seen).hasSize(2).allSatisfy(c -> assertThat(c.getLowCardinalityKeyValues().stream()
                    .map(KeyValue::getValue)).doesNotContain("/rooms/lobby"));
        });
        assertThat(current).containsExactly("interceptor in ws.server.handshake", "handler in ws.server.message");
    }

    @Test
    void recordsARejectedHandshakeWithItsStatus() {
        current.clear();
        runner.run(ctx -> {
            TestObservationRegistry registry = ctx.getBean(TestObservationRegistry.class);
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            assertThat(TestClient.rejectionStatus(port, "/rooms/lobby", Map.of())).isEqualTo(401);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(registry).hasNumberOfObservationsEqualTo(1));
            assertThat(registry).hasSingleObservationThat()
                    .hasNameEqualTo("ws.server.handshake")
                    .hasLowCardinalityKeyValue("status", "401")
                    .hasLowCardinalityKeyValue("outcome", "rejected")
                    .hasBeenStopped();
        });
    }

    @Test
    void recordsWhatTheHandlerThrowsAsTheMessagesError() {
        runner.run(ctx -> {
            TestObservationRegistry registry = ctx.getBean(TestObservationRegistry.class);
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            TestClient client = TestClient.connect(port, "/rooms/lobby", TOKEN);
            client.ws.sendText("boom", true).join();
            assertThat(client.awaitClose()).isEqualTo(1011);
            assertThat(registry).hasObservationWithNameEqualTo("ws.server.message").that()
                    .hasLowCardinalityKeyValue("outcome", "error")
                    .hasLowCardinalityKeyValue("exception", "IllegalStateException")
                    .hasError().hasBeenStopped();
        });
    }

    @Test
    void backsOffWithoutAnObservationRegistryOrWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class,
                        WsServerObservationAutoConfiguration.class))
                .withBean(RoomHandler.class, () -> new RoomHandler(ObservationRegistry.NOOP))
                .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(WsServerObservations.class));
        runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(WsServerObservations.class));
    }
}
