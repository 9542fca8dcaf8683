package dev.ws;

import static dev.ws.Exchange.ACCEPT;
import static dev.ws.Exchange.KEY;
import static dev.ws.Exchange.request;
import static dev.ws.Exchange.run;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.Exchange.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of RFC 6455 §4.2.1 and of HTTP syntax, pinned to its status; case numbers are wsconf's. */
class UpgraderRulesTest {

    private static final Upgrader UPGRADER = Upgrader.builder().build();

    private static Response upgrade(String request) {
        return run(UPGRADER, request);
    }

    private static void assertRejected(String request, int status) {
        Response r = upgrade(request);
        assertThat(r.outcome()).as(r.raw()).isEqualTo(Upgrader.REJECTED);
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.result().rejection().status()).isEqualTo(status);
        assertThat(r.consumed()).as("nothing consumed on rejection").isZero();
    }

    @Test
    void h1UpgradesRegularHandshakeWithTheRfcExampleAccept() {
        String request = valid();
        Response r = upgrade(request);
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.raw()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n");
        assertThat(r.consumed()).isEqualTo(request.length());
        assertThat(r.result().isUpgraded()).isTrue();
        assertThat(r.result().rejection()).isNull();
        assertThat(r.result().path()).isEqualTo("/chat");
        assertThat(r.result().query()).isNull();
        assertThat(r.result().subprotocol()).isNull();
        assertThat(r.result().extensions()).isEmpty();
    }

    @Test
    void h2HeaderNamesAndTokensAreCaseInsensitive() {
        Response r = upgrade(request("GET /chat HTTP/1.1", "host: x", "UPGRADE: WebSocket",
                "connection: keep-alive, Upgrade", "sec-websocket-key: " + KEY, "SEC-WEBSOCKET-VERSION: 13",
                "Origin: http://localhost", "X-Unknown-Header: 1"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo(ACCEPT);
    }

    @Test
    void h3RejectsMissingKeyWith400() {
        assertRejected(Exchange.without("Sec-WebSocket-Key"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-valid-key!", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=",
            "dGhlIHNhbXBsZSBub25jZQ===", "dGhlIHNhbXBsZSBub25jZ===", "dGhlIHNhbXBsZSBub25j*Q==",
            "dGhlIHNhbXBsZSBub25jZQ=A", "dGhlIHNhbXBsZSBub25jZXh4eA==", ""})
    void h4RejectsKeyThatIsNotTheBase64Of16BytesWith400(String key) {
        assertRejected(Exchange.replacing("Sec-WebSocket-Key", key), 400);
    }

    @Test
    void rejectsRepeatedKeyWith400() {
        assertRejected(valid("Sec-WebSocket-Key: " + KEY), 400);
    }

    @Test
    void h5RejectsVersion12With426AndTheSupportedVersion() {
        Response r = upgrade(Exchange.replacing("Sec-WebSocket-Version", "12"));
        assertThat(r.status()).isEqualTo(426);
        assertThat(r.header("Sec-WebSocket-Version")).isEqualTo("13");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "13, 8", "130", "1 3", ""})
    void rejectsAnyVersionButExactly13With426(String version) {
        assertRejected(Exchange.replacing("Sec-WebSocket-Version", version), 426);
    }

    @Test
    void rejectsASecondVersionHeaderOtherThan13With426() {
        assertRejected(valid("Sec-WebSocket-Version: 8"), 426);
    }

    @Test
    void h6RejectsMissingVersionWith400() {
        assertRejected(Exchange.without("Sec-WebSocket-Version"), 400);
    }

    @Test
    void h7RejectsPostWith405AndAllowGet() {
        Response r = upgrade(valid().replace("GET /chat", "POST /chat"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET");
    }

    @Test
    void methodIsCaseSensitive() {
        assertRejected(valid().replace("GET /chat", "get /chat"), 405);
    }

    @Test
    void h8RejectsHttp10With505() {
        assertRejected(valid().replace("HTTP/1.1", "HTTP/1.0"), 505);
        assertRejected(valid().replace("HTTP/1.1", "HTTP/0.9"), 505);
    }

    @Test
    void acceptsLaterHttpVersions() {
        assertThat(upgrade(valid().replace("HTTP/1.1", "HTTP/1.2")).outcome()).isEqualTo(Upgrader.UPGRADED);
    }

    @Test
    void h9AndH10RejectUpgradeWithoutWebsocketWith400() {
        assertRejected(Exchange.without("Upgrade"), 400);
        assertRejected(Exchange.replacing("Upgrade", "h2c"), 400);
        assertRejected(Exchange.replacing("Upgrade", "websocket2"), 400);
    }

    @Test
    void upgradeMayListOtherProtocols() {
        assertThat(upgrade(Exchange.replacing("Upgrade", "h2c, WEBSOCKET")).outcome()).isEqualTo(Upgrader.UPGRADED);
    }

    @Test
    void h11AndH12RejectConnectionWithoutUpgradeWith400() {
        assertRejected(Exchange.without("Connection"), 400);
        assertRejected(Exchange.replacing("Connection", "keep-alive"), 400);
        assertRejected(Exchange.replacing("Connection", "upgraded"), 400);
    }

    @Test
    void connectionTokenMayComeInAnyOfSeveralHeaders() {
        String request = Exchange.replacing("Connection", "keep-alive").replace("\r\n\r\n", "\r\nConnection: upgrade\r\n\r\n");
        assertThat(upgrade(request).outcome()).isEqualTo(Upgrader.UPGRADED);
    }

    @Test
    void h13RejectsOversizedHeadWith431() {
        StringBuilder sb = new StringBuilder(valid());
        sb.setLength(sb.length() - 2);
        for (int i = 0; i < 40; i++) {
            sb.append("X-Big-").append(i).append(": ").append("a".repeat(8192)).append("\r\n");
        }
        sb.append("\r\n");
        assertRejected(sb.toString(), 431);
    }

    @Test
    void rejectsMoreThanMaxHeadersWith431() {
        Upgrader upgrader = Upgrader.builder().maxHeaders(6).build(); // valid() has 5 lines
        assertThat(run(upgrader, valid("X-A: 1")).outcome()).isEqualTo(Upgrader.UPGRADED);
        Response r = run(upgrader, valid("X-A: 1", "X-B: 2"));
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.result().rejection()).isSameAs(HandshakeRejectedException.TOO_MANY_HEADERS);
    }

    @Test
    void h21KeepsPathAndQuery() {
        Response r = upgrade(valid().replace("/chat", "/chat?wsconf=1&x=%20y"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.result().uri()).isEqualTo("/chat?wsconf=1&x=%20y");
        assertThat(r.result().path()).isEqualTo("/chat");
        assertThat(r.result().query()).isEqualTo("wsconf=1&x=%20y");
    }

    @Test
    void acceptsAbsoluteFormTarget() {
        Response r = upgrade(valid().replace("GET /chat", "GET ws://server.example.com:80/chat?a=b"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.result().path()).isEqualTo("/chat");
        assertThat(r.result().query()).isEqualTo("a=b");
        Response bare = upgrade(valid().replace("GET /chat", "GET wss://server.example.com"));
        assertThat(bare.result().path()).isEqualTo("/");
    }

    @Test
    void h22RejectsMissingHostWith400() {
        assertRejected(Exchange.without("Host"), 400);
    }

    @Test
    void rejectsEmptyOrRepeatedHostWith400() {
        assertRejected(Exchange.replacing("Host", ""), 400);
        assertRejected(valid("Host: other.example.com"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /chat", "GET  /chat HTTP/1.1", "GET /chat  HTTP/1.1", " GET /chat HTTP/1.1",
            "GET /chat HTTP/1.1 ", "GET /chat HTTP/11", "GET /chat http/1.1", "GET /chat HTTP/1.x", "GET chat HTTP/1.1",
            "GET * HTTP/1.1", "G(T /chat HTTP/1.1", "GET /ch\u00e9t HTTP/1.1", "GET /chat HTTP/1.1\rX"})
    void rejectsMalformedRequestLineWith400(String requestLine) {
        String request = valid().replace("GET /chat HTTP/1.1", requestLine);
        Response r = upgrade(request);
        assertThat(r.status()).as(requestLine).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"No-Colon-Here", "Space-Before-Colon : x", " Folded: continuation", "\tFolded: x",
            ": no name", "Bad Name: x", "Ctl: a\u0001b", "Nul: a\u0000b", "Bare-Cr: a\rb", "Del: a\u007fb"})
    void rejectsMalformedHeaderLineWith400(String line) {
        Response r = upgrade(valid(line));
        assertThat(r.status()).as(line).isEqualTo(400);
        assertThat(r.result().rejection()).isSameAs(HandshakeRejectedException.MALFORMED_HEADER);
    }

    @Test
    void rejectsMalformedSubprotocolListWith400() {
        assertRejected(valid("Sec-WebSocket-Protocol: chat, super chat"), 400);
        assertRejected(valid("Sec-WebSocket-Protocol: \"chat\""), 400);
    }

    @Test
    void acceptsBareLineFeedsAndObsTextAndTrimsValues() {
        String request = valid("X-Latin: caf\u00e9", "X-Pad: \t padded \t").replace("\r\n", "\n");
        Response r = run(Upgrader.builder().captureAllHeaders().build(), request);
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(r.consumed()).isEqualTo(request.length());
        assertThat(r.result().header("x-latin")).isEqualTo("caf\u00e9");
        assertThat(r.result().header("X-PAD")).isEqualTo("padded");
    }

    @Test
    void rejectionResponseHasContentTypeLengthAndConnectionClose() {
        Response r = upgrade(Exchange.without("Upgrade"));
        assertThat(r.raw()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(Integer.parseInt(r.header("Content-Length"))).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(r.body()).isEqualTo(HandshakeRejectedException.BAD_UPGRADE.reason() + "\n");
    }

    @Test
    void fixedResponseHeadersAreInEveryResponse() {
        Upgrader upgrader = Upgrader.builder().responseHeader("Server", "ws-engine").responseHeader("X-Id", "7").build();
        Response ok = run(upgrader, valid());
        assertThat(ok.header("Server")).isEqualTo("ws-engine");
        assertThat(ok.header("X-Id")).isEqualTo("7");
        Response rejected = run(upgrader, Exchange.without("Host"));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.header("Server")).isEqualTo("ws-engine");
        assertThat(upgrader.responseBufferSize()).isEqualTo(Upgrader.MAX_RESPONSE_BYTES + "Server: ws-engine\r\nX-Id: 7\r\n".length());
    }

    @Test
    void failsClearlyWhenOutIsTooSmallAndConsumesNothing() {
        ByteBuffer in = ByteBuffer.wrap(Exchange.bytes(valid()));
        ByteBuffer out = ByteBuffer.allocate(UPGRADER.responseBufferSize() - 1);
        assertThatThrownBy(() -> UPGRADER.upgrade(in, out, new HandshakeResult()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responseBufferSize");
        assertThat(in.position()).isZero();
        assertThat(out.position()).isZero();
    }

    @Test
    void builderRefusesLimitsOutOfRange() {
        assertThatThrownBy(() -> Upgrader.builder().maxHeadBytes(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Upgrader.builder().maxHeaders(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Upgrader.builder().subprotocols("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Upgrader.builder().responseHeader("Content-Length", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Upgrader.builder().build().maxHeadBytes()).isEqualTo(8192);
        assertThat(Upgrader.builder().build().maxHeaders()).isEqualTo(100);
    }
}
