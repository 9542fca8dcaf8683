package dev.ws;

import static dev.ws.Exchange.run;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.Exchange.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rejection responses: their format, their fixed bodies, and the header rules of {@link HandshakeHeaders}. */
class HandshakeRejectionTest {

    private static final String MARK = "M4RK";

    @Test
    void rejectionBodiesNeverContainRequestData() {
        List<String> requests = List.of(
                valid("X-" + MARK + ": " + MARK).replace("GET /chat", "POST /" + MARK),
                valid("X: " + MARK).replace("HTTP/1.1", "HTTP/1.0").replace("/chat", "/" + MARK),
                Exchange.without("Host", "X: " + MARK),
                Exchange.replacing("Upgrade", MARK),
                Exchange.replacing("Connection", MARK),
                Exchange.replacing("Sec-WebSocket-Version", MARK),
                Exchange.replacing("Sec-WebSocket-Key", MARK),
                Exchange.without("Sec-WebSocket-Version", "X: " + MARK),
                valid("Sec-WebSocket-Protocol: a " + MARK),
                valid(MARK + " no colon"),
                valid("X: " + MARK + "\u0001"),
                "GET /" + MARK + " HTTP/1.1 " + MARK + "\r\n\r\n",
                valid("X: " + MARK.repeat(3000)));
        for (String request : requests) {
            Response r = run(Upgrader.builder().build(), request);
            assertThat(r.outcome()).as(request).isEqualTo(Upgrader.REJECTED);
            assertThat(r.raw()).as(request).doesNotContain(MARK);
        }
    }

    @Test
    void prebuiltRejectionsHaveTheirStatuses() {
        assertThat(Map.of(
                HandshakeRejectedException.METHOD_NOT_ALLOWED, 405,
                HandshakeRejectedException.HTTP_VERSION_NOT_SUPPORTED, 505,
                HandshakeRejectedException.UPGRADE_REQUIRED, 426,
                HandshakeRejectedException.HEAD_TOO_LARGE, 431,
                HandshakeRejectedException.TOO_MANY_HEADERS, 431,
                HandshakeRejectedException.INTERNAL_ERROR, 500,
                HandshakeRejectedException.BAD_KEY, 400))
                .allSatisfy((rejection, status) -> assertThat(rejection.status()).isEqualTo(status));
        assertThat(HandshakeRejectedException.BAD_KEY.getStackTrace()).isEmpty();
    }

    @Test
    void rendersStatusLineWithTheStandardPhraseNeverTheReason() {
        HandshakeRejectedException e = new HandshakeRejectedException(418, "I'm a teapot\r\nSet-Cookie: x=1",
                HandshakeHeaders.of("X-A", "1"));
        ByteBuffer out = ByteBuffer.allocate(1024);
        e.writeResponse(out, HandshakeHeaders.of("Server", "ws"));
        String raw = new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
        String body = "I'm a teapot\r\nSet-Cookie: x=1\n";
        assertThat(raw).isEqualTo("HTTP/1.1 418 Client Error\r\nContent-Type: text/plain; charset=utf-8\r\nX-A: 1\r\n"
                + "Server: ws\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(e.responseLength() + "Server: ws\r\n".length()).isEqualTo(out.position());
    }

    @Test
    void bodyLengthCountsUtf8Bytes() {
        HandshakeRejectedException e = new HandshakeRejectedException(403, "verboten \u00fc\u20ac");
        ByteBuffer out = ByteBuffer.allocate(512);
        e.writeResponse(out, HandshakeHeaders.EMPTY);
        String raw = new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
        assertThat(raw).contains("Content-Length: " + ("verboten \u00fc\u20ac\n".getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void refusesStatusOutsideRedirectAndErrorRangesAndOversizedResponses() {
        assertThatThrownBy(() -> new HandshakeRejectedException(101, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandshakeRejectedException(200, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandshakeRejectedException(600, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandshakeRejectedException(400, "x".repeat(Upgrader.MAX_RESPONSE_BYTES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        assertThat(new HandshakeRejectedException(302, "moved", HandshakeHeaders.of("Location", "/new")).status())
                .isEqualTo(302);
    }

    @Test
    void blockingCopiesKeepStatusReasonAndCauseButAreNotTheSharedInstance() {
        HandshakeRejectedException copy = HandshakeRejectedException.BAD_HOST.copy();
        assertThat(copy).isNotSameAs(HandshakeRejectedException.BAD_HOST);
        assertThat(copy.status()).isEqualTo(400);
        assertThat(copy.reason()).isEqualTo(HandshakeRejectedException.BAD_HOST.reason());
        assertThat(copy.toString()).isEqualTo("HandshakeRejectedException (400): " + copy.reason());
    }

    @Test
    void handshakeHeadersRefuseWhatCouldSplitTheResponseOrDuplicateOurHeaders() {
        assertThatThrownBy(() -> HandshakeHeaders.of("X-A", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeHeaders.of("X-A", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeHeaders.of("X A", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeHeaders.of("X-A", " b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeHeaders.of("X-A", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeHeaders.of("X-A")).isInstanceOf(IllegalArgumentException.class);
        for (String reserved : List.of("Connection", "upgrade", "Content-Length", "Content-Type", "Transfer-Encoding",
                "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions")) {
            assertThatThrownBy(() -> HandshakeHeaders.of(reserved, "x")).as(reserved)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void handshakeHeadersKeepOrderAndRenderOnce() {
        HandshakeHeaders h = HandshakeHeaders.of("A", "1").with("B", "").and(HandshakeHeaders.of(Map.of("C", List.of("3", "4"))));
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.name(1)).isEqualTo("B");
        assertThat(h.value(3)).isEqualTo("4");
        ByteBuffer out = ByteBuffer.allocate(h.byteLength());
        h.writeTo(out);
        assertThat(new String(out.array(), StandardCharsets.ISO_8859_1)).isEqualTo("A: 1\r\nB: \r\nC: 3\r\nC: 4\r\n");
        assertThat(HandshakeHeaders.EMPTY.and(h)).isSameAs(h);
        assertThat(h.and(HandshakeHeaders.EMPTY)).isSameAs(h);
    }
}
