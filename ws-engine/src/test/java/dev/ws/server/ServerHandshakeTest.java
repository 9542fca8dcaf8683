package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.HandshakeRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handshakes on the server: routing, origins, interceptors, trickled and stalled requests. */
class ServerHandshakeTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private WebSocketServer.Builder builder() {
        return WebSocketServer.builder().port(0).eventLoops(1).route("/echo", ServerEchoTest.ECHO);
    }

    @Test
    void unknownPathGets404() throws Exception {
        server = builder().build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/nope", "").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 404");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void originOutsideTheAllowListGets403() throws Exception {
        server = builder().allowedOrigins(List.of("https://good.example")).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/echo", "Origin: https://evil.example\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 403");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/echo", "Origin: https://good.example\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void interceptorRejectsWith401OrAttachesAttributes() throws Exception {
        java.util.concurrent.CompletableFuture<Object> user = new java.util.concurrent.CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .interceptor((request, attributes) -> {
                    String token = request.header("authorization");
                    if (!"Bearer secret".equals(token)) {
                        throw new HandshakeRejectedException(401, "missing or invalid token");
                    }
                    attributes.put("user", "alice@" + request.route());
                })
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession session) {
                        user.complete(session.attributes().get("user"));
                    }
                }).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/echo", "").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 401");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/echo", "Authorization: Bearer secret\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            assertThat(user.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("alice@/echo");
        }
    }

    @Test
    void subprotocolIsChosenFromTheRouteList() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .route("/echo", ServerEchoTest.ECHO, List.of("v2.chat", "v1.chat")).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/echo", "Sec-WebSocket-Protocol: v1.chat, v2.chat\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: v1.chat");
        }
    }

    @Test
    void handshakeWrittenOneByteAtATimeSucceeds() throws Exception {
        server = builder().build().start();
        try (RawClient c = new RawClient(server.port())) {
            for (byte b : RawClient.request("/echo", "").getBytes(StandardCharsets.US_ASCII)) {
                c.out.write(b);
                c.out.flush();
            }
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            c.sendText("after trickle");
            assertThat(c.read().payloadAsText()).isEqualTo("after trickle");
        }
    }

    @Test
    void stalledHandshakeIsDroppedAtTheHandshakeTimeout() throws Exception {
        server = builder().handshakeTimeout(Duration.ofMillis(400)).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw("GET /echo HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the loop may still be finishing its bookkeeping after the close
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void oversizedHeadGets431AndTheServerKeepsServing() throws Exception {
        server = builder().build().start();
        try (RawClient c = new RawClient(server.port())) {
            String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
            try {
                c.sendRaw(RawClient.request("/echo", big).getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException ignored) {
                // the server may close before reading everything
            }
            assertThat(c.readHead()).startsWith("HTTP/1.1 431");
        }
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.sendText("still here");
            assertThat(c.read().payloadAsText()).isEqualTo("still here");
        }
    }

    @Test
    void connectionsBeyondTheLimitGet503WhileOthersKeepWorking() throws Exception {
        server = builder().maxConnections(2).build().start();
        try (RawClient a = RawClient.connect(server.port(), "/echo");
             RawClient b = RawClient.connect(server.port(), "/echo");
             RawClient c = new RawClient(server.port())) {
            assertThat(c.readHead()).startsWith("HTTP/1.1 503");
            assertThat(c.closedByServer()).isTrue();
            a.sendText("a");
            assertThat(a.read().payloadAsText()).isEqualTo("a");
        }
    }
}
