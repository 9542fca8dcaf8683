package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.boot.WsServerPortInfoApplicationContextInitializer;
import dev.ws.client.ClientConnection;
import dev.ws.client.Dialer;
import dev.ws.client.Received;
import dev.ws.handler.WsHandler;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The close codes operators see, through the starter: the slow-consumer policy closes with
 * 1008 "slow consumer", shutdown with 1001 "server shutting down" (see the README's table).
 */
class WsCloseCodesTest {

    /** Sends 16 KiB messages for as long as the session stays open. */
    @WsHandler("/flood")
    static class Flood implements WebSocketHandler {
        @Override
        public void onText(WebSocketSession session, String text) {
            ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
            for (int i = 0; i < 4096 && session.isOpen(); i++) {
                session.sendBinary(chunk.duplicate());
            }
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
            .withInitializer(new WsServerPortInfoApplicationContextInitializer())
            .withBean(Flood.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1");

    @Test
    void theSlowConsumerPolicyClosesWith1008SlowConsumer() {
        runner.withPropertyValues("ws.server.outbound.slow-consumer-policy=close",
                "ws.server.outbound.high-watermark=64KB", "ws.server.outbound.low-watermark=16KB",
                "ws.server.timeouts.close=30s").run(ctx -> {
                    int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
                    try (ClientConnection peer = Dialer.defaults().connect("ws://127.0.0.1:" + port + "/flood")) {
                        peer.sendText("go"); // and read nothing until the server gave up on us
                        Thread.sleep(500);
                        assertThat(closeAfterMessages(peer)).isEqualTo(new CloseStatus(1008, "slow consumer"));
                    }
                });
    }

    @Test
    void shutdownClosesEverySessionWith1001ServerShuttingDown() throws Exception {
        CompletableFuture<CloseStatus> seen = new CompletableFuture<>();
        runner.withPropertyValues("ws.server.shutdown.grace-period=5s").run(ctx -> {
            int port = ctx.getEnvironment().getProperty("local.ws.server.port", Integer.class);
            ClientConnection peer = Dialer.defaults().connect("ws://127.0.0.1:" + port + "/flood");
            Thread.ofVirtual().start(() -> seen.complete(closeAfterMessages(peer)));
        }); // the context closes here
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1001, "server shutting down"));
    }

    /** Reads (and drops) messages until the connection ends; its close status. */
    private static CloseStatus closeAfterMessages(ClientConnection peer) {
        for (int i = 0; i < 100_000; i++) {
            if (peer.receive() instanceof Received.Close close) {
                return close.status();
            }
        }
        throw new AssertionError("no close after 100,000 messages");
    }
}
