package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers during the opening handshake, on loopback sockets: slowloris, a 1 MiB head, too many
 * header lines, a connection storm beyond {@code maxConnections}. Each gets its answer (TCP close,
 * 431, 503), one INFO line, and the server keeps serving.
 */
class HostileHandshakeTest extends HostilePeerFixture {

    @Test
    void slowlorisHandshakeOneBytePerSecondIsDroppedAtTheHandshakeTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(2500);
        server = echoServer().handshakeTimeout(timeout).build().start();
        try (Wire w = new Wire(server.port())) {
            byte[] request = Wire.ascii(Wire.request("/echo", ""));
            long start = System.nanoTime();
            Thread trickle = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (byte b : request) {
                        w.out.write(b);
                        Thread.sleep(1000); // still sending: the timeout counts from accept, not from the last byte
                    }
                } catch (IOException | InterruptedException e) {
                    // dropped by the server
                }
            });
            assertThat(w.closedByServer()).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(2));
            assertThat(w.responseHead).isNull(); // no answer: a slowloris gets no HTTP response, just TCP close
            trickle.interrupt();
            assertOneRefusalLine(w, "handshake", "handshakeTimeout");
        }
        assertThat(Probes.await(() -> server.connectionCount() == 0, Duration.ofSeconds(5))).isTrue();
        assertStillServing();
    }

    @Test
    void oneMebibyteRequestHeadIsRefusedWith431AndTheServerKeepsServing() throws Exception {
        server = echoServer().build().start();
        String header = "X-Big: " + "a".repeat(8000) + "\r\n";
        byte[] head = Wire.ascii(Wire.request("/echo", header.repeat((1 << 20) / header.length())));
        assertThat(head.length).isGreaterThan(1_000_000);
        try (Wire w = new Wire(server.port())) { // warm up: load the classes a refusal uses
            w.sendRaw(Wire.ascii(Wire.request("/echo", header.repeat(2))));
            assertThat(w.readHead()).startsWith("HTTP/1.1 431 ");
        }
        log.clear();
        try (Wire w = new Wire(server.port())) {
            long before = Probes.loopAllocatedBytes();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    w.sendRaw(head);
                } catch (IOException e) {
                    // the server stops reading once it has refused: the rest of the megabyte is not wanted
                }
            });
            assertThat(w.readHead()).startsWith("HTTP/1.1 431 ");
            assertThat(w.readBody()).isEqualTo("request head too large\n");
            assertThat(w.closedByServer()).isTrue();
            writer.join(5000);
            long allocated = Probes.loopAllocatedBytes() - before;
            assertThat(allocated).as("loop allocation for a 1 MiB head").isLessThan(64 * 1024);
            assertOneRefusalLine(w, "431", "request head too large");
        }
        assertStillServing();
    }

    @Test
    void aThousandSmallHeadersAreRefusedWith431() throws Exception {
        server = echoServer().build().start();
        try (Wire w = new Wire(server.port())) {
            w.sendRaw(Wire.ascii(Wire.request("/echo", "X-A: b\r\n".repeat(1000))));
            assertThat(w.readHead()).startsWith("HTTP/1.1 431 ");
            assertThat(w.readBody()).isEqualTo("too many header fields\n");
            assertOneRefusalLine(w, "431", "too many header fields (maxHeaders 100)");
        }
        assertStillServing();
    }

    @Test
    void maxHeadersIsASetting() throws Exception {
        server = echoServer().maxHeaders(8).build().start();
        try (Wire w = new Wire(server.port())) { // the request has 5 header lines; 4 more are too many
            w.sendRaw(Wire.ascii(Wire.request("/echo", "X-A: b\r\n".repeat(4))));
            assertThat(w.readHead()).startsWith("HTTP/1.1 431 ");
            assertOneRefusalLine(w, "431", "(maxHeaders 8)");
        }
        try (Wire w = Wire.open(server.port(), "/echo", "X-A: b\r\n".repeat(3), 0)) {
            assertThat(w.responseHead).startsWith("HTTP/1.1 101 ");
        }
        assertThat(server.settings().maxHeaders()).isEqualTo(8);
        assertThat(dev.ws.server.ServerSettings.defaults().maxHeaders()).isEqualTo(100);
    }

    @Test
    void connectionStormBeyondMaxConnectionsIsRefusedWith503WhileExistingSessionsKeepWorking() throws Exception {
        int max = 8;
        int existing = 4;
        int storm = 120;
        server = echoServer().maxConnections(max).build().start();
        List<Wire> sessions = new ArrayList<>();
        for (int i = 0; i < existing; i++) {
            sessions.add(Wire.open(server.port(), "/echo"));
        }
        AtomicLong echoes = new AtomicLong();
        CompletableFuture<Void> chatter = CompletableFuture.runAsync(() -> {
            try {
                for (int round = 0; round < 200; round++) {
                    for (Wire s : sessions) {
                        s.sendText("round " + round);
                        assertThat(s.read().payloadAsText()).isEqualTo("round " + round);
                        echoes.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().start(r));
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        List<Wire> stormPeers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < storm; i++) {
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    Wire w = new Wire(server.port());
                    stormPeers.add(w);
                    w.sendRaw(Wire.ascii(Wire.request("/echo", "")));
                    String head = w.readHead();
                    return head.isEmpty() ? "closed" : head.substring(9, 12);
                } catch (IOException e) {
                    return "closed"; // reset before or after the request: a clean TCP refusal
                }
            }, r -> Thread.ofVirtual().start(r)));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<String> o : outcomes) {
            answers.add(o.get(20, TimeUnit.SECONDS));
        }
        chatter.get(20, TimeUnit.SECONDS);
        assertThat(echoes.get()).isEqualTo(200L * existing);
        assertThat(answers).allMatch(a -> a.equals("101") || a.equals("503") || a.equals("closed"));
        assertThat(answers.stream().filter("101"::equals).count()).isEqualTo(max - existing);
        assertThat(answers.stream().filter("503"::equals).count()).isGreaterThan(storm / 2);
        assertThat(server.connectionCount()).isLessThanOrEqualTo(max);
        for (Wire w : stormPeers) {
            w.close();
        }
        assertThat(Probes.await(() -> server.connectionCount() == existing, Duration.ofSeconds(5)))
                .as("connections after the storm: %d", server.connectionCount()).isTrue();
        for (Wire s : sessions) {
            s.sendText("after the storm");
            assertThat(s.read().payloadAsText()).isEqualTo("after the storm");
            s.close();
        }
        List<LogRecord> refusals = log.matching(m -> m.contains("503") && m.contains("maxConnections"));
        assertThat(refusals).hasSize((int) answers.stream().filter(a -> !a.equals("101")).count());
        assertThat(refusals).allMatch(r -> r.getLevel() == Level.INFO && LogCapture.text(r).contains("127.0.0.1:"));
        assertStillServing();
    }
}
