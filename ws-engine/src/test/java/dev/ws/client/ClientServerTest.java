package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against our server over loopback: both APIs, close handshakes seen from both ends. */
class ClientServerTest {

    private WebSocketServer server;
    private final LinkedBlockingQueue<CloseStatus> serverCloses = new LinkedBlockingQueue<>();

    private final WebSocketHandler echo = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession s, String text) {
            switch (text) {
                case "close me" -> s.close(4001, "as asked");
                case "headers" -> s.sendText(s.header("x-trace") + " " + s.header("origin"));
                default -> s.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocketSession s, ByteBuffer data) {
            s.sendBinary(data);
        }

        @Override
        public void onClose(WebSocketSession s, CloseStatus status) {
            serverCloses.add(status);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .maxFramePayload(4 << 20).maxMessageSize(4 << 20)
                .captureHeaders(List.of("x-trace", "origin"))
                .route("/echo", echo).route("/chat", echo, List.of("chat.v2", "chat.v1")).build().start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void echoesTextBinaryAndLargeMessagesAndClosesWith1000() throws Exception {
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        try (ClientConnection c = Dialer.defaults().connect(uri("/echo"))) {
            assertThat(c.isOpen()).isTrue();
            c.sendText("héllo wörld ✓");
            assertThat(c.receive()).isEqualTo(new Received.Text("héllo wörld ✓"));
            c.sendBinary(new byte[0]);
            assertThat(c.receive()).isEqualTo(new Received.Binary(ByteBuffer.allocate(0)));
            c.sendBinary(ByteBuffer.wrap(big));
            Received r = c.receive();
            assertThat(r).isInstanceOfSatisfying(Received.Binary.class,
                    b -> assertThat(b.data()).isEqualTo(ByteBuffer.wrap(big)));
        }
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void answersPingsWithTheirPayload() throws Exception {
        try (ClientConnection c = Dialer.defaults().connect(uri("/echo"))) {
            c.sendPing(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8)));
            assertThat(c.receive()).isEqualTo(new Received.Pong(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8))));
            assertThatThrownBy(() -> c.sendPing(ByteBuffer.allocate(126))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeReturnsThePeersReplyAndRefusesLaterSends() throws Exception {
        ClientConnection c = Dialer.defaults().connect(uri("/echo"));
        c.close(4100, "done here");
        assertThat(c.isOpen()).isFalse();
        assertThat(c.closeStatus().code()).isEqualTo(4100); // the server echoes the code
        assertThat(c.receive()).isEqualTo(new Received.Close(c.closeStatus()));
        assertThat(c.receive()).isEqualTo(new Received.Close(c.closeStatus()));
        assertThatThrownBy(() -> c.sendText("late")).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(4100, "done here"));
    }

    @Test
    void echoesTheServersCloseCode() throws Exception {
        ClientConnection c = Dialer.defaults().connect(uri("/echo"));
        c.sendText("close me");
        assertThat(c.receive()).isEqualTo(new Received.Close(new CloseStatus(4001, "as asked")));
        assertThat(c.failure()).isNull();
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS).code()).isEqualTo(4001);
    }

    @Test
    void negotiatesASubprotocolAndSendsExtraHeaders() throws Exception {
        Dialer dialer = Dialer.builder().subprotocols("chat.v1", "chat.v2").origin("https://app.example")
                .header("X-Trace", "abc-1").build();
        try (ClientConnection c = dialer.connect(uri("/chat"))) {
            assertThat(c.subprotocol()).isIn("chat.v1", "chat.v2");
            assertThat(c.header("Sec-WebSocket-Protocol")).isEqualTo(c.subprotocol());
            c.sendText("headers");
            assertThat(c.receive()).isEqualTo(new Received.Text("abc-1 https://app.example"));
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        int threads = 4;
        int each = 200;
        try (ClientConnection c = Dialer.defaults().connect(uri("/echo"))) {
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            c.sendText(id + ":" + i + ":" + "y".repeat(i * 37 % 3000));
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }
                }));
            }
            Set<String> seen = new HashSet<>();
            for (int n = 0; n < threads * each; n++) {
                Received r = c.receive();
                assertThat(r).isInstanceOf(Received.Text.class);
                String[] parts = ((Received.Text) r).text().split(":", 3);
                assertThat(parts[2]).isEqualTo("y".repeat(Integer.parseInt(parts[1]) * 37 % 3000));
                seen.add(parts[0] + ":" + parts[1]);
            }
            for (Thread t : senders) {
                t.join();
            }
            assertThat(seen).hasSize(threads * each);
        }
    }

    @Test
    void failsWith1009WhenAMessageExceedsTheLimit() throws Exception {
        ClientConnection c = Dialer.builder().maxMessageSize(1000).build().connect(uri("/echo"));
        c.sendText("z".repeat(1001));
        Received r = c.receive();
        assertThat(((Received.Close) r).status().code()).isEqualTo(1009);
        assertThat(c.failure()).isInstanceOf(dev.ws.MessageTooBigException.class);
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS).code()).isEqualTo(1009);
    }

    @Test
    void handlerApiMirrorsTheServerSession() throws Exception {
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicInteger closes = new AtomicInteger();
        ClientSession session = Dialer.defaults().connectAsync(uri("/echo"), new ClientHandler() {
            @Override
            public void onOpen(ClientSession s) {
                s.attributes().put("opened", true);
                s.sendText("from onOpen");
            }

            @Override
            public void onText(ClientSession s, String text) {
                events.add(text);
            }

            @Override
            public void onBinary(ClientSession s, ByteBuffer data) {
                events.add(data);
            }

            @Override
            public void onPong(ClientSession s, ByteBuffer data) {
                events.add("pong " + StandardCharsets.UTF_8.decode(data));
            }

            @Override
            public void onClose(ClientSession s, CloseStatus status) {
                closes.incrementAndGet();
                events.add(status);
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("from onOpen");
        assertThat(session.attributes()).containsEntry("opened", true);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sends.add(session.sendText("m" + i).toCompletableFuture());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 100; i++) {
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i); // in send order
        }
        session.sendBinary(new byte[] {9, 8, 7});
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        session.sendPing(ByteBuffer.wrap("hb".getBytes(StandardCharsets.UTF_8)));
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("pong hb");
        session.close(1000, "bye").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isFalse();
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1000, "bye"));
        assertThatThrownBy(() -> session.sendText("late").toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IOException.class);
        Thread.sleep(100);
        assertThat(closes).hasValue(1);
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1000, "bye"));
    }

    @Test
    void handlerFailureClosesWith1011AfterOnError() throws Exception {
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Dialer.defaults().connect(uri("/echo"), new ClientHandler() {
            @Override
            public void onOpen(ClientSession s) {
                s.sendText("boom");
            }

            @Override
            public void onText(ClientSession s, String text) {
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onError(ClientSession s, Throwable error) {
                events.add(error);
            }

            @Override
            public void onClose(ClientSession s, CloseStatus status) {
                events.add(status);
            }
        });
        assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(((CloseStatus) events.poll(5, TimeUnit.SECONDS)).code()).isEqualTo(1011);
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS).code()).isEqualTo(1011);
    }
}
