package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.NegotiatedExtension;
import dev.ws.http.HeaderOption;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a handler learns about its session from the handshake, over real sockets: the request URI
 * split into path and query, the captured headers (named ones or all), the peer's address, the
 * negotiated extensions, the open time, and attributes shared between callbacks.
 */
class SessionInfoTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    /** Starts a server whose /info route hands its session to the future in onOpen. */
    private CompletableFuture<WebSocketSession> start(WebSocketServer.Builder builder) throws Exception {
        CompletableFuture<WebSocketSession> opened = new CompletableFuture<>();
        server = builder.port(0).eventLoops(1).route("/info", new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                opened.complete(s);
            }
        }).build().start();
        return opened;
    }

    @Test
    void exposesUriPathQueryAndOnlyTheCapturedHeaders() throws Exception {
        CompletableFuture<WebSocketSession> opened = start(WebSocketServer.builder().captureHeaders(List.of("X-Trace")));
        long before = System.currentTimeMillis();
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/info?room=1&x=%20", "X-Trace: abc\r\nX-Trace: def\r\nX-Other: 1\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            WebSocketSession s = opened.get(5, TimeUnit.SECONDS);
            assertThat(s.uri()).isEqualTo("/info?room=1&x=%20");
            assertThat(s.path()).isEqualTo("/info");
            assertThat(s.query()).isEqualTo("room=1&x=%20");
            assertThat(s.route()).isEqualTo("/info");
            assertThat(s.pathParams()).isEmpty();
            assertThat(s.header("X-TRACE")).as("first value, name case-insensitive").isEqualTo("abc");
            assertThat(s.headers()).as("keyed as first sent").containsOnlyKeys("X-Trace");
            assertThat(s.headers().get("x-trace")).as("looked up ignoring case").containsExactly("abc", "def");
            assertThat(s.header("X-Other")).as("not captured").isNull();
            assertThat(s.subprotocol()).isNull();
            assertThat(s.extensions()).isEmpty();
            assertThat(s.remoteAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", c.socket.getLocalPort()));
            assertThat(s.openedAtMillis()).isBetween(before, System.currentTimeMillis());
            assertThat(s.isOpen()).isTrue();
            assertThat(s.isWritable()).isTrue();
            assertThat(s.queuedBytes()).isZero();
            assertThat(s.toString()).contains("session " + s.id(), "/info", "127.0.0.1:" + c.socket.getLocalPort(), "[open]");
        }
    }

    @Test
    void aUriWithoutQueryIsThePathAndStarCapturesEveryHeader() throws Exception {
        CompletableFuture<WebSocketSession> opened = start(WebSocketServer.builder().captureHeaders(List.of("*")));
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/info", "X-Other: 1\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101");
            WebSocketSession s = opened.get(5, TimeUnit.SECONDS);
            assertThat(s.uri()).isEqualTo("/info").as("one string per idle session").isSameAs(s.path());
            assertThat(s.query()).isNull();
            assertThat(s.headers()).containsKeys("host", "upgrade", "sec-websocket-key", "x-other");
            assertThat(s.header("x-other")).isEqualTo("1");
        }
    }

    @Test
    void attributesStartEmptyAndAreSharedWithEveryCallback() throws Exception {
        CompletableFuture<Object> seenInOnText = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1).route("/info", new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                assertThat(s.attributes()).isEmpty();
                s.attributes().put("user", "alice");
            }

            @Override
            public void onText(WebSocketSession s, String text) {
                seenInOnText.complete(s.attributes().get("user"));
            }
        }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/info")) {
            c.sendText("who?");
            assertThat(seenInOnText.get(5, TimeUnit.SECONDS)).isEqualTo("alice");
        }
    }

    @Test
    void aCustomExtensionIsAnsweredAndListedByName() throws Exception {
        NegotiatedExtension custom = new NegotiatedExtension() {
            @Override
            public HeaderOption responseOption() {
                return new HeaderOption("x-custom", List.of());
            }

            @Override
            public int rsvBits() {
                return 0;
            }
        };
        CompletableFuture<WebSocketSession> opened = start(WebSocketServer.builder()
                .extensions(offers -> offers.stream().anyMatch(o -> o.name().equals("x-custom")) ? custom : null));
        try (RawClient c = new RawClient(server.port())) {
            c.sendRaw(RawClient.request("/info", "Sec-WebSocket-Extensions: x-custom\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readHead()).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Extensions: x-custom");
            assertThat(opened.get(5, TimeUnit.SECONDS).extensions()).containsExactly("x-custom");
        }
    }
}
