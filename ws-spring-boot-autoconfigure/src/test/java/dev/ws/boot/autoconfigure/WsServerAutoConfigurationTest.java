package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseCodes;
import dev.ws.HandshakeRejectedException;
import dev.ws.boot.JacksonMessageCodec;
import dev.ws.boot.TestClient;
import dev.ws.boot.WsHandlerEndpoints;
import dev.ws.boot.WsServerLifecycle;
import dev.ws.boot.WsServerPortInfoApplicationContextInitializer;
import dev.ws.boot.WsServerStartException;
import dev.ws.client.ClientConnection;
import dev.ws.client.ClientExtension;
import dev.ws.client.Dialer;
import dev.ws.client.Received;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.handler.HandlerDefinitionException;
import dev.ws.handler.MessageCodec;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.DispatchMode;
import dev.ws.server.HandshakeInterceptor;
import dev.ws.server.ServerListener;
import dev.ws.server.ServerSettings;
import dev.ws.server.SlowConsumerPolicy;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** What the auto-configuration creates, when it backs off, and how properties reach the engine. */
class WsServerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsHandlerScanAutoConfiguration.class,
                    WsServerAutoConfiguration.class, JacksonAutoConfiguration.class, SslAutoConfiguration.class))
            .withInitializer(new WsServerPortInfoApplicationContextInitializer())
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    @Test
    void createsServerWhenHandlerBeanPresent() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(WebSocketServer.class).hasSingleBean(WsServerLifecycle.class)
                    .hasSingleBean(WsSessionRegistry.class).hasSingleBean(WsHandlerEndpoints.class)
                    .hasSingleBean(JacksonMessageCodec.class);
            WebSocketServer server = ctx.getBean(WebSocketServer.class);
            assertThat(server.routes()).extracting(r -> r.path().template()).containsExactly("/echo");
            assertThat(server.isRunning()).isTrue();
            assertThat(ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isEqualTo(server.port());
        });
    }

    @Test
    void startsServerOnPort0TalksToItAndSendsGoingAwayOnShutdown() throws Exception {
        TestClient[] client = new TestClient[1];
        runner.withUserConfiguration(TestHandlers.EchoConfig.class, TestHandlers.GreeterConfig.class).run(ctx -> {
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            client[0] = TestClient.connect(port, "/echo");
            assertThat(client[0].sendAndReceive("hello")).isEqualTo("hello");
            TestClient greeter = TestClient.connect(port, "/greet/en");
            assertThat(greeter.sendAndReceive("{\"name\":\"ann\",\"times\":1}"))
                    .isEqualTo("{\"name\":\"en:ann\",\"times\":2}");
        });
        assertThat(client[0].awaitClose()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    void createsNothingWithoutHandlers() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(WebSocketServer.class)
                .doesNotHaveBean(WsServerLifecycle.class).doesNotHaveBean(WsServerProperties.class));
    }

    @Test
    void disappearsWhenDisabled() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class).withPropertyValues("ws.server.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(WebSocketServer.class)
                        .doesNotHaveBean(WsServerLifecycle.class).doesNotHaveBean(WsSessionRegistry.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserServerConfig {
        @Bean
        WebSocketServer myServer() {
            return WebSocketServer.builder().port(0).eventLoops(1).route("/mine", new WebSocketHandler() { }).build();
        }
    }

    @Test
    void backsOffWhenUserDefinesServerAndStillRunsIt() {
        runner.withUserConfiguration(UserServerConfig.class, TestHandlers.EchoConfig.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(WebSocketServer.class).hasBean("myServer");
            WebSocketServer server = ctx.getBean(WebSocketServer.class);
            assertThat(server.routes()).extracting(r -> r.path().template()).containsExactly("/mine");
            assertThat(server.isRunning()).isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfig {
        @Bean
        WsSessionRegistry myRegistry() {
            return new WsSessionRegistry();
        }

        @Bean
        MessageCodec myCodec() {
            return new MessageCodec() {
                public Object decode(String text, java.lang.reflect.Type type) {
                    return null;
                }

                public String encode(Object value) {
                    return "x";
                }
            };
        }
    }

    @Test
    void backsOffForEachBeanTheUserDefines() {
        runner.withUserConfiguration(UserBeansConfig.class, TestHandlers.EchoConfig.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(WsSessionRegistry.class).hasBean("myRegistry")
                    .hasSingleBean(MessageCodec.class).hasBean("myCodec").doesNotHaveBean(JacksonMessageCodec.class);
        });
    }

    @Test
    void bindsEveryPropertyIncludingDurationsAndDataSizes() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class).withPropertyValues(
                "ws.server.address=127.0.0.1", "ws.server.backlog=16", "ws.server.event-loops=2",
                "ws.server.dispatch-mode=event-loop", "ws.server.allowed-origins=https://a.example,https://b.example",
                "ws.server.capture-headers=Authorization,X-Trace",
                "ws.server.limits.max-connections=50", "ws.server.limits.max-head-size=4KB",
                "ws.server.limits.max-headers=40",
                "ws.server.limits.max-frame-payload=16MB", "ws.server.limits.max-message-size=64MB",
                "ws.server.limits.max-pending-messages=8", "ws.server.limits.read-buffer-size=32KB",
                "ws.server.timeouts.handshake=3s", "ws.server.timeouts.idle=2m", "ws.server.timeouts.close=750ms",
                "ws.server.keep-alive.ping-interval=20s", "ws.server.keep-alive.pong-timeout=4s",
                "ws.server.outbound.high-watermark=2MB", "ws.server.outbound.low-watermark=512KB",
                "ws.server.outbound.slow-consumer-policy=close", "ws.server.outbound.slow-consumer-timeout=1m",
                "ws.server.shutdown.grace-period=7s").run(ctx -> {
                    ServerSettings s = ctx.getBean(WebSocketServer.class).settings();
                    assertThat(s).isEqualTo(new ServerSettings(2, DispatchMode.EVENT_LOOP, 50, 4096, 40, 16L << 20,
                            64L << 20, Duration.ofSeconds(3), Duration.ofMinutes(2), Duration.ofSeconds(20),
                            Duration.ofSeconds(4), Duration.ofMillis(750), 2L << 20, 512L << 10, SlowConsumerPolicy.CLOSE,
                            Duration.ofMinutes(1), 8, 32 << 10, Duration.ofSeconds(7),
                            List.of("https://a.example", "https://b.example"), List.of("authorization", "x-trace")));
                    assertThat(ctx.getBean(WebSocketServer.class).toString()).startsWith("WebSocketServer[127.0.0.1:");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfig {
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        WsServerCustomizer second() {
            return b -> {
                CALLS.add("second");
                b.maxConnections(7);
            };
        }

        @Bean
        @Order(1)
        WsServerCustomizer first() {
            return b -> {
                CALLS.add("first");
                b.maxConnections(3).route("/extra", new WebSocketHandler() { });
            };
        }
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        CustomizerConfig.CALLS.clear();
        runner.withUserConfiguration(TestHandlers.EchoConfig.class, CustomizerConfig.class)
                .withPropertyValues("ws.server.limits.max-connections=99").run(ctx -> {
                    WebSocketServer server = ctx.getBean(WebSocketServer.class);
                    assertThat(CustomizerConfig.CALLS).containsExactly("first", "second");
                    assertThat(server.settings().maxConnections()).isEqualTo(7);
                    assertThat(server.routes()).extracting(r -> r.path().template()).containsExactly("/echo", "/extra");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class InterceptorAndListenerConfig {
        static final List<String> EVENTS = new CopyOnWriteArrayList<>();

        @Bean
        HandshakeInterceptor tokenCheck() {
            return (request, attributes) -> {
                if (!"secret".equals(request.header("X-Token"))) {
                    throw new HandshakeRejectedException(401, "token required");
                }
            };
        }

        @Bean
        ServerListener recorder() {
            return new ServerListener() {
                @Override
                public void onHandshakeRejected(int status, String reason) {
                    EVENTS.add("rejected " + status);
                }

                @Override
                public void onOpen(WebSocketSession session) {
                    EVENTS.add("open " + session.route());
                }
            };
        }
    }

    @Test
    void usesInterceptorAndListenerBeans() {
        InterceptorAndListenerConfig.EVENTS.clear();
        runner.withUserConfiguration(TestHandlers.EchoConfig.class, InterceptorAndListenerConfig.class).run(ctx -> {
            int port = ctx.getBean(WebSocketServer.class).port();
            assertThat(TestClient.rejectionStatus(port, "/echo", Map.of())).isEqualTo(401);
            TestClient ok = TestClient.connect(port, "/echo", Map.of("X-Token", "secret"));
            assertThat(ok.sendAndReceive("hi")).isEqualTo("hi");
            assertThat(InterceptorAndListenerConfig.EVENTS).containsExactly("rejected 401", "open /echo");
        });
    }

    @Test
    void failsFastOnInvalidLimit() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.limits.max-frame-payload=12B").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("maxFramePayload must be at least 125, got 12");
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("invalid ws.server configuration");
                });
    }

    @Test
    void failsFastOnWatermarksInTheWrongOrder() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.outbound.low-watermark=4MB").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("outboundLowWatermark (4194304) must be below outboundHighWatermark");
                });
    }

    @Test
    void failsStartupNamingTheMethodOfABadHandler() {
        runner.withUserConfiguration(TestHandlers.BrokenConfig.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(HandlerDefinitionException.class)
                    .hasMessageContaining("TestHandlers$Broken.a(String, String) has two message parameters");
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("invalid @WsHandler bean 'broken': ");
        });
    }

    @Test
    void failsStartupWhenTwoHandlersServeOnePath() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class, TestHandlers.SecondEchoConfig.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessageContaining("@WsHandler beans 'echoHandler' and 'otherEcho' both serve /echo");
        });
    }

    @Test
    void withoutJacksonAHandlerThatNeedsACodecFailsStartup() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .withUserConfiguration(TestHandlers.GreeterConfig.class).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("message parameter Greeting needs a MessageCodec");
                });
    }

    @Test
    void withoutJacksonStringHandlersWork() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .withUserConfiguration(TestHandlers.EchoConfig.class).run(ctx -> {
                    assertThat(ctx).hasNotFailed().doesNotHaveBean(MessageCodec.class);
                    assertThat(ctx.getBean(WebSocketServer.class).isRunning()).isTrue();
                });
    }

    @Test
    void failsStartupWithAClearMessageWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                    .withPropertyValues("ws.server.port=" + taken.getLocalPort()).run(ctx -> {
                        assertThat(ctx).hasFailed();
                        Throwable failure = ctx.getStartupFailure();
                        while (failure != null && !(failure instanceof WsServerStartException)) {
                            failure = failure.getCause();
                        }
                        assertThat(failure).isInstanceOf(WsServerStartException.class)
                                .hasMessageContaining("WebSocket server failed to start");
                        WsServerStartException e = (WsServerStartException) failure;
                        assertThat(e.isPortInUse()).isTrue();
                        assertThat(e.getPort()).isEqualTo(taken.getLocalPort());
                    });
        }
    }

    @Test
    void compressionNegotiatesPermessageDeflateWithTheConfiguredParameters() throws Exception {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.compression.enabled=true", "ws.server.compression.level=3",
                        "ws.server.compression.server-context-takeover=true", "ws.server.compression.pool-size=4")
                .run(ctx -> {
                    PerMessageDeflate pmd = ctx.getBean(PerMessageDeflate.class);
                    assertThat(pmd.compressionLevel()).isEqualTo(3);
                    assertThat(pmd.outboundContextTakeover()).isTrue();
                    assertThat(pmd.poolSize()).isEqualTo(4);
                    int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
                    Dialer dialer = Dialer.builder()
                            .extension(ClientExtension.permessageDeflate(PerMessageDeflate.withDefaults())).build();
                    try (ClientConnection c = dialer.connect(URI.create("ws://127.0.0.1:" + port + "/echo"))) {
                        assertThat(c.extensions()).containsExactly("permessage-deflate");
                        String text = "compress me ".repeat(1000);
                        c.sendText(text);
                        assertThat(c.receive()).isEqualTo(new Received.Text(text));
                    }
                });
    }

    @Test
    void compressionIsOffByDefault() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .run(ctx -> assertThat(ctx).doesNotHaveBean(PerMessageDeflate.class));
    }

    @Test
    void invalidCompressionSettingFailsStartupNamingTheProperty() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.compression.enabled=true", "ws.server.compression.level=12")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("level");
                });
    }

    @Test
    void failsStartupWhenTheSslBundleDoesNotExist() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.ssl.bundle=missing").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("missing");
                });
    }

    @Test
    void lifecycleStopsTheServerWithTheGracePeriod() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class)
                .withPropertyValues("ws.server.shutdown.grace-period=250ms").run(ctx -> {
                    WsServerLifecycle lifecycle = ctx.getBean(WsServerLifecycle.class);
                    assertThat(lifecycle.isRunning()).isTrue();
                    assertThat(lifecycle.getPhase()).isEqualTo(WsServerLifecycle.PHASE);
                    lifecycle.stop();
                    assertThat(ctx.getBean(WebSocketServer.class).isRunning()).isFalse();
                    assertThat(lifecycle.isRunning()).isFalse();
                });
    }

    @Test
    void keepsTheServerListeningOnItsPortWhileTheContextIsPaused() {
        // Spring's test context cache pauses the contexts it is not using, and restarts them later
        runner.withUserConfiguration(TestHandlers.EchoConfig.class).run(ctx -> {
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            ctx.getSourceApplicationContext().pause();
            assertThat(ctx.getBean(WebSocketServer.class).isRunning()).isTrue();
            ctx.getSourceApplicationContext().restart();
            assertThat(ctx.getBean(WebSocketServer.class).port()).isEqualTo(port);
            TestClient client = TestClient.connect(port, "/echo");
            assertThat(client.sendAndReceive("still here")).isEqualTo("still here");
        });
    }

    @Test
    void refusesToStartTheServerAgainOnceStopped() {
        runner.withUserConfiguration(TestHandlers.EchoConfig.class).run(ctx -> {
            WsServerLifecycle lifecycle = ctx.getBean(WsServerLifecycle.class);
            lifecycle.stop();
            assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("was stopped and cannot be started again");
            assertThat(lifecycle.isRunning()).isFalse();
        });
    }
}
