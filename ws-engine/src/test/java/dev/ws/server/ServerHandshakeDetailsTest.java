package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handshake details on the wire: what an interceptor sees of the request, subprotocol choice when
 * the route speaks none of the offered ones (no header, no failure), a request head that arrives
 * in pieces larger than the first buffer, and a stop that drops handshakes still in progress.
 */
class ServerHandshakeDetailsTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    @Test
    void interceptorSeesUriPathQueryRouteVariablesAndHeaders() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .interceptor((request, attributes) -> seen.add(request.uri() + " | " + request.path() + " | "
                        + request.query() + " | " + request.route() + " | " + request.pathParams() + " | "
                        + request.header("x-TRACE") + " | " + request.header("X-Absent")))
                .route("/rooms/{room}", new WebSocketHandler() { }).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/rooms/kitchen?token=abc&x", "X-Trace: t1\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
        }
        try (RawClient c = RawClient.connect(server.port(), "/rooms/hall")) {
            assertThat(c.responseHead).startsWith("HTTP/1.1 101");
        }
        assertThat(seen).containsExactly(
                "/rooms/kitchen?token=abc&x | /rooms/kitchen | token=abc&x | /rooms/{room} | {room=kitchen} | t1 | null",
                "/rooms/hall | /rooms/hall | null | /rooms/{room} | {room=hall} | null | null");
    }

    @Test
    void theFirstOfferedSubprotocolTheRouteSpeaksWinsAndNoneMeansNoHeader() throws Exception {
        CompletableFuture<String> chosen = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1).route("/p", new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                chosen.complete(String.valueOf(s.subprotocol()));
            }
        }, List.of("v1", "v2")).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/p", "Sec-WebSocket-Protocol: v3, v2, v1\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Protocol: v2\r\n");
            assertThat(chosen.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/p", "Sec-WebSocket-Protocol: v3, v4\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Protocol");
        }
    }

    @Test
    void aRequestHeadArrivingInPiecesLargerThanTheFirstBufferIsReassembled() throws Exception {
        CompletableFuture<Map<String, List<String>>> headers = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1).captureHeaders(List.of("X-Big"))
                .route("/big", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        headers.complete(s.headers());
                    }
                }).build().start();
        String big = "b".repeat(3000);
        byte[] request = RawClient.request("/big", "X-Big: " + big + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(java.util.Arrays.copyOf(request, 10));
            Thread.sleep(100); // the server reads the first piece on its own
            c.sendRaw(java.util.Arrays.copyOfRange(request, 10, 1500));
            Thread.sleep(100);
            c.sendRaw(java.util.Arrays.copyOfRange(request, 1500, request.length));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            assertThat(headers.get(5, TimeUnit.SECONDS).get("x-big")).containsExactly(big);
        }
    }

    @Test
    void stopDropsHandshakesInProgressWithoutAResponse() throws Exception {
        List<Integer> rejected = new ArrayList<>();
        server = WebSocketServer.builder().port(0).eventLoops(1).listener(new ServerListener() {
            @Override
            public void onHandshakeRejected(int status, String reason) {
                rejected.add(status);
            }
        }).route("/x", new WebSocketHandler() { }).build().start();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw("GET /x HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            FrameListenerTest.eventually(() -> server.connectionCount() == 1);
            server.stop(Duration.ofSeconds(2));
            assertThat(c.in.read()).as("no response, the connection is closed").isEqualTo(-1);
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(rejected).isEmpty();
    }
}
