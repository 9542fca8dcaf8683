package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import dev.ws.server.DispatchMode;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Graceful shutdown while the server pushes numbered messages to every session and echoes what
 * peers send: every peer that reads gets 1001 "server shutting down" after exactly the messages
 * whose send completed, in order; peers that never read are dropped at the shutdown timeout; and
 * no send is left pending: each stage the send API returned has completed or failed.
 */
class ShutdownUnderLoadTest {

    private static final int READERS = 16;
    private static final int NON_READERS = 2;
    private static final Duration GRACE = Duration.ofMillis(1500);

    /** One session's pushes: the stage of each numbered send, in order. */
    private static final class Pushes {
        final List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        volatile Thread pusher;
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void everySessionGets1001AndEverySendCompletesOrFails(DispatchMode mode) throws Exception {
        Map<String, Pushes> pushes = new ConcurrentHashMap<>();
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(2).dispatchMode(mode)
                .shutdownTimeout(GRACE).outboundWatermarks(64 * 1024, 256 * 1024)
                .route("/load", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        Pushes p = new Pushes();
                        pushes.put(s.query(), p);
                        p.pusher = Thread.ofVirtual().start(() -> push(s, p));
                    }

                    @Override
                    public void onText(WebSocketSession s, String text) {
                        s.sendText(text);
                    }
                }).build().start();
        List<Wire> readers = new ArrayList<>();
        List<CompletableFuture<Received>> received = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Wire w = Wire.open(server.port(), "/load?r" + i);
            readers.add(w);
            received.add(CompletableFuture.supplyAsync(() -> readUntilClose(w), r -> Thread.ofPlatform().start(r)));
        }
        List<Wire> nonReaders = new ArrayList<>();
        for (int i = 0; i < NON_READERS; i++) {
            nonReaders.add(Wire.open(server.port(), "/load?n" + i, "", 4096));
        }
        assertThat(Probes.await(() -> pushes.size() == READERS + NON_READERS, Duration.ofSeconds(5))).isTrue();
        for (Wire w : readers) {
            for (int i = 0; i < 20; i++) {
                w.sendText("echo " + i); // load in the other direction too
            }
        }
        // every session has pushes in flight before the stop (the pushers share two carrier threads)
        assertThat(Probes.await(() -> pushes.values().stream().allMatch(p -> p.stages.size() >= 20),
                Duration.ofSeconds(10))).isTrue();
        Thread.sleep(100);

        long start = System.nanoTime();
        server.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(GRACE.plusSeconds(3));
        for (Pushes p : pushes.values()) {
            p.pusher.join(5000);
            assertThat(p.pusher.isAlive()).isFalse();
            for (CompletableFuture<Void> stage : p.stages) {
                assertThat(stage).as("a send stage left pending after stop").isDone();
            }
        }
        for (int i = 0; i < READERS; i++) {
            Received r = received.get(i).get(10, TimeUnit.SECONDS);
            assertThat(r.close).isEqualTo(new CloseStatus(1001, "server shutting down"));
            Pushes p = pushes.get("r" + i);
            List<Long> completed = new ArrayList<>();
            for (int seq = 0; seq < p.stages.size(); seq++) {
                if (!p.stages.get(seq).isCompletedExceptionally()) {
                    completed.add((long) seq);
                }
            }
            assertThat(completed).as("pushes completed for reader %d", i).isNotEmpty();
            assertThat(r.pushed).as("pushes received by reader %d, in order", i).isEqualTo(completed);
            assertThat(r.echoes).isBetween(0, 20);
        }
        for (Wire w : nonReaders) {
            assertThat(w.socket.isClosed()).isFalse();
            w.close();
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(Probes.loopThreads()).isZero();
    }

    /** Sends numbered messages as long as the session is open; sends refused while it is not writable count too. */
    private static void push(WebSocketSession s, Pushes p) {
        String pad = "x".repeat(200);
        for (long seq = 0; ; seq++) {
            CompletableFuture<Void> stage = s.sendText("push " + seq + " " + pad).toCompletableFuture();
            p.stages.add(stage);
            if (stage.isCompletedExceptionally() && !s.isOpen()) {
                return;
            }
            try {
                if (!s.isWritable()) {
                    Thread.sleep(1);
                } else if (seq % 16 == 0) {
                    Thread.sleep(0, 100_000); // leave the carrier threads to the handlers now and then
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private record Received(List<Long> pushed, int echoes, CloseStatus close) {
    }

    /** Reads pushes and echoes until the close frame, answers it, then waits for the server to close TCP. */
    private static Received readUntilClose(Wire w) {
        List<Long> pushed = new ArrayList<>();
        int echoes = 0;
        try {
            for (;;) {
                Frame f = w.read();
                if (f == null) {
                    return new Received(pushed, echoes, null);
                }
                if (f.opCode() == OpCode.CLOSE) {
                    CloseStatus status = CloseStatus.parse(f.payload());
                    w.send(Frame.close(status));
                    w.closedByServer();
                    w.close();
                    return new Received(pushed, echoes, status);
                }
                String text = f.payloadAsText();
                if (text.startsWith("push ")) {
                    pushed.add(Long.parseLong(text.substring(5, text.indexOf(' ', 5))));
                } else {
                    echoes++;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
