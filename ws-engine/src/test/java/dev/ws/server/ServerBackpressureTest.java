package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that does not read: the outbound queue stays bounded and the slow-consumer policy applies. */
class ServerBackpressureTest {

    private static final long LOW = 64 * 1024;
    private static final long HIGH = 256 * 1024;

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void failsSendsAboveTheHighWatermarkAndClosesWith1008AfterTheTimeout() throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .outboundWatermarks(LOW, HIGH)
                .slowConsumerTimeout(Duration.ofMillis(500))
                .closeTimeout(Duration.ofMillis(500))
                .route("/push", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        opened.complete(s);
                    }

                    @Override
                    public void onClose(WebSocketSession s, CloseStatus status) {
                        closed.complete(status);
                    }
                }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/push")) {
            c.socket.setReceiveBufferSize(4096);
            WebSocketSession session = opened.get(5, TimeUnit.SECONDS);
            byte[] chunk = new byte[16 * 1024];
            AtomicInteger rejected = new AtomicInteger();
            long maxQueued = 0;
            for (int i = 0; i < 2000; i++) {
                session.sendBinary(chunk).whenComplete((v, e) -> {
                    if (e instanceof SendRejectedException) {
                        rejected.incrementAndGet();
                    }
                });
                maxQueued = Math.max(maxQueued, session.queuedBytes());
            }
            assertThat(maxQueued).isLessThanOrEqualTo(HIGH + chunk.length + 64);
            assertThat(rejected.get()).isGreaterThan(1000);
            assertThat(session.isWritable()).isFalse();
            CloseStatus status = closed.get(10, TimeUnit.SECONDS);
            assertThat(status.code()).isEqualTo(1008);
            assertThat(status.reason()).isEqualTo("slow consumer");
        }
    }

    @Test
    void pingFloodFromAPeerThatNeverReadsStaysBounded() throws Exception {
        AtomicLong maxQueued = new AtomicLong();
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1).outboundWatermarks(LOW, HIGH)
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        opened.complete(s);
                    }
                }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.socket.setReceiveBufferSize(4096);
            WebSocketSession session = opened.get(5, TimeUnit.SECONDS);
            byte[] ping = Frame.ping(new byte[125]).compile(dev.ws.Side.CLIENT, dev.ws.MaskGenerator.secure());
            byte[] burst = new byte[ping.length * 100];
            for (int i = 0; i < 100; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            AtomicInteger sent = new AtomicInteger();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        c.sendRaw(burst); // blocks once the server stops reading
                        sent.addAndGet(100);
                    }
                } catch (java.io.IOException ignored) {
                    // the socket was closed by the test
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                maxQueued.accumulateAndGet(session.queuedBytes(), Math::max);
                Thread.sleep(5);
            }
            c.close();
            writer.join(5000);
            maxQueued.accumulateAndGet(session.queuedBytes(), Math::max);
            assertThat(sent.get()).isGreaterThan(0);
            assertThat(maxQueued.get()).isLessThanOrEqualTo(HIGH + 64 * 1024);
        }
    }

    @Test
    void readsResumeOnceThePeerDrainsTheQueue() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).outboundWatermarks(LOW, HIGH)
                .route("/echo", ServerEchoTest.ECHO).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            byte[] payload = new byte[32 * 1024];
            for (int i = 0; i < 64; i++) {
                c.send(OpCode.BINARY, payload); // 2 MiB of echoes, more than the high watermark
            }
            for (int i = 0; i < 64; i++) {
                assertThat(c.read().length()).isEqualTo(payload.length);
            }
            c.sendText("done");
            assertThat(c.read().payloadAsText()).isEqualTo("done");
        }
    }
}
