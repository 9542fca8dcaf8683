package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.OpCode;
import dev.ws.boot.TestClient;
import dev.ws.boot.WsHandlerDecorator;
import dev.ws.boot.WsServerPortInfoApplicationContextInitializer;
import dev.ws.server.FrameListener;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** WsHandlerDecorator beans wrap each endpoint's handler in order; every FrameListener bean sees the frames. */
class WsServerExtensionPointsTest {

    static final List<String> seen = new CopyOnWriteArrayList<>();

    @Configuration(proxyBeanMethods = false)
    static class ExtensionConfig {

        @Bean
        @Order(1)
        WsHandlerDecorator inner() {
            return (template, handler) -> wrap("inner " + template, handler);
        }

        @Bean
        @Order(2)
        WsHandlerDecorator outer() {
            return (template, handler) -> wrap("outer " + template, handler);
        }

        @Bean
        FrameListener first() {
            return recorder("first");
        }

        @Bean
        FrameListener second() {
            return recorder("second");
        }

        private static WebSocketHandler wrap(String name, WebSocketHandler handler) {
            return new WebSocketHandler() {
                @Override
                public void onText(WebSocketSession session, String text) throws Exception {
                    seen.add(name);
                    handler.onText(session, text);
                }
            };
        }

        private static FrameListener recorder(String name) {
            return new FrameListener() {
                @Override
                public void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload) {
                    seen.add(name + " < " + type + " " + StandardCharsets.UTF_8.decode(payload));
                }

                @Override
                public void onSent(WebSocketSession session, OpCode type, ByteBuffer payload) {
                    seen.add(name + " > " + type + " " + StandardCharsets.UTF_8.decode(payload));
                }
            };
        }
    }

    @Test
    void decoratesInOrderAndComposesFrameListeners() {
        seen.clear();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, JacksonAutoConfiguration.class))
                .withInitializer(new WsServerPortInfoApplicationContextInitializer())
                .withUserConfiguration(TestHandlers.EchoConfig.class, ExtensionConfig.class)
                .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1")
                .run(ctx -> {
                    int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
                    assertThat(TestClient.connect(port, "/echo").sendAndReceive("x")).isEqualTo("x");
                });
        assertThat(seen).containsSubsequence("first < TEXT x", "second < TEXT x", "outer /echo", "inner /echo",
                "first > TEXT x", "second > TEXT x");
    }
}
