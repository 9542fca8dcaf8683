package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import dev.ws.server.DispatchMode;
import dev.ws.server.SlowConsumerPolicy;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Peers that flood or stop reading, on loopback sockets: ping floods, echo floods and pushes to a
 * peer that never reads hold bounded memory (the watermarks, counted with each frame's
 * bookkeeping); the slow-consumer policy closes with 1008; silent and idle peers are dropped.
 */
class SlowPeerTest extends HostilePeerFixture {

    /** Watermarks for the flood tests: small, so that the queue fills fast. */
    private static final long LOW = 64 * 1024;
    private static final long HIGH = 256 * 1024;
    /**
     * What a flooded session may hold: the queue up to the high watermark, one read buffer of
     * requests answered after it, and the inbox; far below the ~17 MiB that 256 KiB of 2-byte
     * frames held when the watermark counted bytes only.
     */
    private static final long HELD_BOUND = 3L << 20;

    @Test
    void pingFloodFromAReadingPeerIsAnsweredInOrderEndingWithTheLastPing() throws Exception {
        server = echoServer().build().start();
        int pings = 20_000;
        try (Wire w = Wire.open(server.port(), "/echo")) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < pings; i++) {
                wire.writeBytes(Wire.clientFrame(true, 0, OpCode.PING, Wire.ascii(Integer.toString(i))));
            }
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    w.sendRaw(wire.toByteArray());
                } catch (IOException e) {
                    // reported by the reads below
                }
            });
            int last = -1;
            int answered = 0;
            while (last < pings - 1) {
                Frame pong = w.read();
                assertThat(pong.opCode()).isEqualTo(OpCode.PONG);
                int n = Integer.parseInt(pong.payloadAsText());
                assertThat(n).as("pongs come in order").isGreaterThan(last);
                last = n;
                answered++;
            }
            // RFC 6455 §5.5.3: a pong may answer only the latest of several pings still unanswered
            assertThat(answered).isBetween(1, pings);
            w.sendText("after the flood");
            assertThat(w.read().payloadAsText()).isEqualTo("after the flood");
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void pingFloodFromAPeerThatNeverReadsHoldsBoundedMemory(DispatchMode mode) throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        server = echoServer().dispatchMode(mode).outboundWatermarks(LOW, HIGH).route("/push", new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                opened.complete(s);
            }
        }).build().start();
        try (Wire w = Wire.open(server.port(), "/push", "", 4096)) {
            WebSocketSession session = opened.get(5, TimeUnit.SECONDS);
            w.sendRaw(Wire.clientFrame(true, 0, OpCode.PING, new byte[0]));
            assertThat(w.read().opCode()).isEqualTo(OpCode.PONG);
            long baseline = Probes.liveObjectBytes(); // with the session open and its classes loaded
            // Empty pings: 6 bytes each on the wire, the cheapest frames to make the server answer.
            byte[] ping = Wire.clientFrame(true, 0, OpCode.PING, new byte[0]);
            byte[] burst = new byte[ping.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (sent.get() < 4_000_000) {
                        w.sendRaw(burst); // blocks when the server stops reading
                        sent.addAndGet(10_000);
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            awaitStalled(writer, sent);
            long held = Probes.liveObjectBytes() - baseline;
            assertThat(session.isOpen()).as("%s", log.lines()).isTrue();
            w.close();
            writer.join(5000);
            assertThat(sent.get()).isGreaterThanOrEqualTo(100_000);
            // the pongs count against the watermark with their bookkeeping, so reading stops while
            // they hold about that much (plus one read buffer of pings answered); when only their
            // bytes counted, 2-byte pongs held ~65 times the watermark
            assertThat(held).as("heap held by %d pings (%s)", sent.get(), Probes.mib(held)).isLessThan(HELD_BOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void tinyEchoesToAPeerThatNeverReadsHoldBoundedMemory(DispatchMode mode) throws Exception {
        server = echoServer().dispatchMode(mode).outboundWatermarks(LOW, HIGH).build().start();
        try (Wire w = Wire.open(server.port(), "/echo", "", 4096)) {
            w.sendText("x");
            assertThat(w.read().payloadAsText()).isEqualTo("x");
            long baseline = Probes.liveObjectBytes(); // with the session open, its handler thread and classes loaded
            byte[] message = Wire.clientFrame(true, 0, OpCode.TEXT, new byte[] {'x'});
            byte[] burst = new byte[message.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(message, 0, burst, i * message.length, message.length);
            }
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (sent.get() < 4_000_000) {
                        w.sendRaw(burst); // blocks when the server stops reading
                        sent.addAndGet(10_000);
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            awaitStalled(writer, sent);
            long held = Probes.liveObjectBytes() - baseline;
            w.close();
            writer.join(5000);
            assertThat(held).as("heap held by %d one-byte echoes (%s)", sent.get(), Probes.mib(held))
                    .isLessThan(HELD_BOUND);
        }
    }

    @Test
    void peerThatNeverReadsIsClosedWith1008AtOnceUnderTheClosePolicy() throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        long low = 64 * 1024;
        long high = 256 * 1024;
        server = WebSocketServer.builder().port(0).eventLoops(1).outboundWatermarks(low, high)
                .slowConsumerPolicy(SlowConsumerPolicy.CLOSE).closeTimeout(Duration.ofMillis(500))
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
        try (Wire w = Wire.open(server.port(), "/push", "", 4096)) {
            WebSocketSession session = opened.get(5, TimeUnit.SECONDS);
            byte[] chunk = new byte[16 * 1024];
            long maxQueued = 0;
            int accepted = 0;
            // the socket buffers take a few MiB first; then the queue reaches the watermark
            while (session.sendBinary(chunk).toCompletableFuture().isCompletedExceptionally() == false) {
                maxQueued = Math.max(maxQueued, session.queuedBytes());
                assertThat(++accepted).as("sends accepted").isLessThan(10_000);
            }
            assertThat(maxQueued).isLessThanOrEqualTo(high + chunk.length);
            assertThat(session.isWritable()).isFalse();
            long start = System.nanoTime();
            CloseStatus status = closed.get(5, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(new CloseStatus(1008, "slow consumer"));
            // the close frame waits behind the backlog; the close timeout drops the peer that never reads
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertOneRefusalLine(w, "1008", "slow consumer");
        }
    }

    @Test
    void silentPeerIsDroppedAfterThePingIntervalAndPongTimeout() throws Exception {
        CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .pingInterval(Duration.ofMillis(300)).pongTimeout(Duration.ofMillis(300))
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onClose(WebSocketSession s, CloseStatus status) {
                        closed.complete(status);
                    }
                }).build().start();
        try (Wire w = Wire.open(server.port(), "/echo")) {
            Frame ping = w.read();
            assertThat(ping.opCode()).isEqualTo(OpCode.PING);
            assertThat(w.closedByServer()).isTrue(); // no pong, no read: dropped
            assertThat(closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
        }
    }

    @Test
    void idlePeerGets1001AtTheIdleTimeout() throws Exception {
        server = echoServer().idleTimeout(Duration.ofMillis(500)).build().start();
        try (Wire w = Wire.open(server.port(), "/echo")) {
            long start = System.nanoTime();
            assertThat(w.readClose()).isEqualTo(new CloseStatus(1001, "idle timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(400));
        }
    }

    /**
     * Waits until a flooding writer has been blocked for 0.6 s (the server stopped reading, not just
     * slowed down; the kernel's buffers in between take up to tens of MiB) or is done, at most 8 s.
     */
    private static void awaitStalled(Thread writer, AtomicLong sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        long last = -1;
        int still = 0;
        while (writer.isAlive() && still < 6 && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            long now = sent.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }
}
