package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Start, stop, and what must not leak. */
class ServerLifecycleTest {

    private static long openFileDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ws-loop-")).count();
    }

    @Test
    void tenThousandConnectionsOpenedAndClosedLeakNothing() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(2)
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        opened.incrementAndGet();
                    }

                    @Override
                    public void onClose(WebSocketSession s, CloseStatus status) {
                        closed.incrementAndGet();
                    }
                }).build().start();
        try {
            long fdsBefore = openFileDescriptors();
            for (int i = 0; i < 10_000; i++) {
                try (RawClient c = RawClient.connect(server.port(), "/echo")) {
                    if (i % 2 == 0) {
                        c.send(dev.ws.OpCode.CLOSE, CloseStatus.NORMAL.toPayload());
                        c.readClose();
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((server.connectionCount() > 0 || closed.get() < 10_000) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(opened.get()).isEqualTo(10_000);
            assertThat(closed.get()).isEqualTo(10_000);
            assertThat(server.connectionCount()).isZero();
            assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 5);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        assertThat(loopThreads()).isZero();
    }

    @Test
    void shutdownSends1001ToEverySessionAndReleasesThePort() throws Exception {
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(2)
                .route("/echo", ServerEchoTest.ECHO).build().start();
        int port = server.port();
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(RawClient.connect(port, "/echo"));
        }
        Thread stopper = Thread.ofPlatform().start(() -> server.stop(Duration.ofSeconds(5)));
        for (RawClient c : clients) {
            CloseStatus status = c.readClose();
            assertThat(status.code()).isEqualTo(1001);
            assertThat(status.reason()).isEqualTo("server shutting down");
            c.send(dev.ws.OpCode.CLOSE, status.toPayload());
            assertThat(c.closedByServer()).isTrue();
            c.close();
        }
        stopper.join(10_000);
        assertThat(server.connectionCount()).isZero();
        assertThat(loopThreads()).isZero();
        // the port is free again
        WebSocketServer again = WebSocketServer.builder().port(port).eventLoops(1)
                .route("/echo", ServerEchoTest.ECHO).build().start();
        again.stop(Duration.ofSeconds(1));
    }

    @Test
    void startFailsWithAClearMessageWhenThePortIsTaken() throws Exception {
        WebSocketServer first = WebSocketServer.builder().port(0).eventLoops(1)
                .route("/echo", ServerEchoTest.ECHO).build().start();
        try {
            WebSocketServer second = WebSocketServer.builder().port(first.port()).eventLoops(1)
                    .route("/echo", ServerEchoTest.ECHO).build();
            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on").hasMessageContaining(String.valueOf(first.port()));
        } finally {
            first.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void rejectsInvalidSettingsWithTheirName() {
        assertThatThrownBy(() -> WebSocketServer.builder().outboundWatermarks(10, 5).route("/x", ServerEchoTest.ECHO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outboundLowWatermark");
        assertThatThrownBy(() -> WebSocketServer.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("route");
    }
}
