package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.AcceptKey;
import dev.ws.http.HeaderOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** URI rules, the request head, option validation and response head parsing, without I/O. */
class DialerTest {

    @ParameterizedTest
    @CsvSource({
            "ws://example.com,              example.com, 80,  false, example.com,        /",
            "ws://example.com:80/a,         example.com, 80,  false, example.com,        /a",
            "ws://example.com:8080/a?b=c,   example.com, 8080, false, example.com:8080,  /a?b=c",
            "wss://example.com/chat,        example.com, 443, true,  example.com,        /chat",
            "WSS://example.com:443,         example.com, 443, true,  example.com,        /",
            "wss://example.com:80,          example.com, 80,  true,  example.com:80,     /",
            "ws://[::1]:9001/p%20q?x=%41,   ::1,         9001, false, [::1]:9001,        /p%20q?x=%41",
            "ws://127.0.0.1/?,              127.0.0.1,   80,  false, 127.0.0.1,          /?"})
    void derivesPortHostHeaderAndRequestTarget(String uri, String host, int port, boolean secure, String hostHeader,
                                               String target) {
        Endpoint e = Endpoint.of(URI.create(uri));
        assertThat(e.host()).isEqualTo(host);
        assertThat(e.port()).isEqualTo(port);
        assertThat(e.secure()).isEqualTo(secure);
        assertThat(e.hostHeader()).isEqualTo(hostHeader);
        assertThat(e.requestTarget()).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/", "example.com", "ws:example", "ws:///path", "ws://example.com/#frag",
            "ws://user:pw@example.com/"})
    void refusesUrisThatAreNotWebSocketUris(String uri) {
        assertThatThrownBy(() -> Endpoint.of(URI.create(uri))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(uri);
    }

    @Test
    void writesTheRequestHeadOfRfc6455Section41() {
        Dialer dialer = Dialer.builder().origin("https://app.example").subprotocols("v2", "v1")
                .header("Authorization", "Bearer t0k3n").header("X-Trace", "1")
                .extension(new ExtensionSeamTest.CaseFlip()).build();
        ClientHandshake hs = new ClientHandshake(Endpoint.of(URI.create("ws://example.com:8080/chat?room=1")), dialer,
                "dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(new String(hs.request(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "GET /chat?room=1 HTTP/1.1\r\n"
                        + "Host: example.com:8080\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + "Origin: https://app.example\r\n"
                        + "Sec-WebSocket-Protocol: v2, v1\r\n"
                        + "Sec-WebSocket-Extensions: x-case-flip; mode=ascii\r\n"
                        + "Authorization: Bearer t0k3n\r\n"
                        + "X-Trace: 1\r\n"
                        + "\r\n");
    }

    @Test
    void keysAreFreshBase64Of16Bytes() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ClientHandshake.newKey();
            assertThat(AcceptKey.isValidKey(key)).as(key).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void acceptsTheRfcSampleAnswer() throws Exception {
        ClientHandshake hs = new ClientHandshake(Endpoint.of(URI.create("ws://server.example.com/chat")),
                Dialer.builder().subprotocols("chat", "superchat").build(), "dGhlIHNhbXBsZSBub25jZQ==");
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive, upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n";
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        ClientHandshake.Negotiated n = hs.check(ResponseHead.parse(b, 0, ResponseHead.end(b, 0, b.length)));
        assertThat(n.subprotocol()).isEqualTo("chat");
        assertThat(n.extensions()).isEmpty();
        assertThat(n.headers()).containsEntry("upgrade", List.of("WebSocket"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "upgrade", "Connection", "Sec-WebSocket-Key", "sec-websocket-version",
            "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin", "Content-Length"})
    void refusesHeadersTheHandshakeWritesItself(String name) {
        assertThatThrownBy(() -> Dialer.builder().header(name, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void refusesHeaderInjectionAndBadTokens() {
        assertThatThrownBy(() -> Dialer.builder().header("X-A", "1\r\nX-Injected: 2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().header("X A", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().origin("https://a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().subprotocols("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().subprotocols("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().proxyHeader("Host", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().maxMessageSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().connectTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialer.builder().extension(new ClientExtension() {
            @Override
            public List<HeaderOption> offers() {
                return List.of();
            }

            @Override
            public Agreement accept(List<HeaderOption> response) {
                return null;
            }
        })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesResponseHeadsWithCrlfOrBareLf() {
        for (String eol : new String[] {"\r\n", "\n"}) {
            String head = "HTTP/1.1 101 Switching Protocols" + eol + "Upgrade:websocket" + eol + "X-Multi: a" + eol
                    + "x-multi:  b  " + eol + eol + "FRAMES";
            byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
            int end = ResponseHead.end(b, 0, b.length);
            assertThat(new String(b, end, b.length - end, StandardCharsets.ISO_8859_1)).isEqualTo("FRAMES");
            ResponseHead h = ResponseHead.parse(b, 0, end);
            assertThat(h.status()).isEqualTo(101);
            assertThat(h.phrase()).isEqualTo("Switching Protocols");
            assertThat(h.values("upgrade")).containsExactly("websocket");
            assertThat(h.values("x-multi")).containsExactly("a", "b");
            for (int cut = 0; cut < end; cut++) {
                assertThat(ResponseHead.end(b, 0, cut)).as("incomplete at %d", cut).isEqualTo(ResponseHead.INCOMPLETE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 10 Short\r\n\r\n", "HTTP/1.1 1011 Long\r\n\r\n", "HTTP/11 101 X\r\n\r\n",
            "HTTP/1.1 101 OK\r\nNo colon\r\n\r\n", "HTTP/1.1 101 OK\r\n: empty name\r\n\r\n",
            "HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n", "HTTP/1.1 101 OK\r\nX: a\u0001b\r\n\r\n"})
    void refusesMalformedResponseHeads(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ResponseHead.parse(b, 0, ResponseHead.end(b, 0, b.length)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }
}
