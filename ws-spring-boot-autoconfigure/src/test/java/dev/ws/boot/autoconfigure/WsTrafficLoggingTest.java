package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ws.boot.TestClient;
import dev.ws.boot.WsServerPortInfoApplicationContextInitializer;
import dev.ws.boot.WsTrafficLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** ws.server.log-traffic: frames of a real session at DEBUG on dev.ws.traffic, payloads capped; off by default. */
@ExtendWith(OutputCaptureExtension.class)
class WsTrafficLoggingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsHandlerScanAutoConfiguration.class,
                    WsServerAutoConfiguration.class, JacksonAutoConfiguration.class))
            .withInitializer(new WsServerPortInfoApplicationContextInitializer())
            .withUserConfiguration(TestHandlers.EchoConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    private final Logger traffic = (Logger) LoggerFactory.getLogger(WsTrafficLogger.LOGGER);
    private Level level;

    @BeforeEach
    void debug() {
        level = traffic.getLevel();
        traffic.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restore() {
        traffic.setLevel(level);
    }

    @Test
    void logsEachFrameBothWaysWithThePayloadCapped(CapturedOutput output) {
        runner.withPropertyValues("ws.server.log-traffic=true", "ws.server.log-traffic-payload-limit=4B").run(ctx -> {
            assertThat(ctx).hasSingleBean(WsTrafficLogger.class);
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            TestClient client = TestClient.connect(port, "/echo");
            assertThat(client.sendAndReceive("hello")).isEqualTo("hello");
            client.ws.sendClose(1000, "bye").get();
            assertThat(client.awaitClose()).isEqualTo(1000);
        });
        assertThat(output.getOut())
                .containsPattern("\\[ws \\w+ /echo\\] opened from 127\\.0\\.0\\.1:\\d+")
                .contains("/echo] < text 5 B: hell… (1 B more)")
                .contains("/echo] > text 5 B: hell… (1 B more)")
                .contains("/echo] < close 5 B: 1000 bye")
                .contains("/echo] > close 5 B: 1000 bye")
                .contains("/echo] closed 1000 (normal closure): bye");
    }

    @Test
    void isOffByDefault(CapturedOutput output) {
        runner.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(WsTrafficLogger.class);
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            TestClient client = TestClient.connect(port, "/echo");
            assertThat(client.sendAndReceive("quiet")).isEqualTo("quiet");
        });
        assertThat(output.getOut()).doesNotContain("text 5 B");
    }
}
