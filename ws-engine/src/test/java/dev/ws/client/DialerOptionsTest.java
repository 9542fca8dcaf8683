package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.OpCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dialer options a caller relies on: each invalid value is refused at once naming the option and
 * the value; the limits that are set are the ones applied on the wire (frame payload, response
 * head size); and a CONNECT proxy that speaks before the client is refused.
 */
class DialerOptionsTest {

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                Arguments.of((Consumer<Dialer.Builder>) b -> b.maxFramePayload(0), "maxFramePayload must be positive, got 0"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.maxQueuedBytes(-1), "maxQueuedBytes must be positive, got -1"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.maxResponseHeadBytes(255),
                        "maxResponseHeadBytes must be at least 256, got 255"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.closeTimeout(Duration.ofMillis(-1)),
                        "closeTimeout must be positive, got PT-0.001S"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.connectTimeout(null), "connectTimeout must be positive, got null"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.header("X-A", " padded"),
                        "header X-A value has surrounding whitespace"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.header("X-A", null),
                        "header X-A has a value a header cannot carry"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.header("X-A", "a\u0000b"),
                        "header X-A has a value a header cannot carry"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.header(null, "x"), "header name is not a token: null"),
                Arguments.of((Consumer<Dialer.Builder>) b -> b.proxyHeader("Proxy-Authorization", "Basic x "),
                        "header Proxy-Authorization value has surrounding whitespace"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidOptions")
    void refusesAnInvalidOptionNamingIt(Consumer<Dialer.Builder> option, String message) {
        assertThatThrownBy(() -> option.accept(Dialer.builder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aNullOriginSendsNone() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101());
            return s.readToEnd();
        })) {
            Dialer.builder().origin("https://a.example").origin(null).build().connect(server.uri("/c")).abort();
            server.await();
            assertThat(server.header("Origin")).isNull();
        }
    }

    @Test
    void framesAboveMaxFramePayloadFailWith1009() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.frame(OpCode.OP_BINARY, new byte[300]));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.socket.close();
            return close;
        })) {
            ClientConnection c = Dialer.builder().maxFramePayload(256).build().connect(server.uri("/c"));
            assertThat(c.receive()).isInstanceOf(Received.Close.class);
            assertThat(((ScriptedServer.ClientFrame) server.await()).closeCode()).isEqualTo(1009);
            assertThat(c.failure()).hasMessageContaining("300").hasMessageContaining("256");
        }
    }

    @Test
    void responseHeadAboveTheConfiguredLimitIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("X-Padding: " + "p".repeat(200)));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.builder().maxResponseHeadBytes(256).build().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.RESPONSE_TOO_LARGE);
                        assertThat(e.getMessage()).contains("exceeds 256 bytes");
                    });
        }
    }

    @Test
    void proxyThatSendsBytesAfterItsConnectResponseIsRefused() throws Exception {
        AtomicReference<String> connectLine = new AtomicReference<>();
        try (ScriptedServer proxy = ScriptedServer.start(s -> {
            connectLine.set(s.requestLine);
            s.write("HTTP/1.1 200 Connection established\r\n\r\nHELLO".getBytes(StandardCharsets.US_ASCII));
            return s.readToEnd();
        })) {
            Dialer dialer = Dialer.builder()
                    .proxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port())).build();
            assertThatThrownBy(() -> dialer.connect(URI.create("ws://example.test:8080/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.MALFORMED_RESPONSE);
                        assertThat(e.getMessage()).contains("sent 5 bytes after its CONNECT response");
                    });
            assertThat((byte[]) proxy.await()).as("nothing sent into the tunnel").isEmpty();
            assertThat(connectLine.get()).isEqualTo("CONNECT example.test:8080 HTTP/1.1");
        }
    }

    @Test
    void proxyRefusalWithoutAReasonPhraseNamesTheStatus() throws Exception {
        try (ScriptedServer proxy = ScriptedServer.start(s -> {
            s.write("HTTP/1.1 403\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return s.readToEnd();
        })) {
            Dialer dialer = Dialer.builder()
                    .proxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port())).build();
            assertThatThrownBy(() -> dialer.connect(URI.create("ws://example.test/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.PROXY_REFUSED);
                        assertThat(e.getMessage()).endsWith("answered CONNECT example.test:80 with 403");
                    });
        }
    }

    @Test
    void describesItsNonDefaultOptions() {
        assertThat(Dialer.defaults().toString()).doesNotContain("subprotocols", "extensions", "proxy");
        assertThat(Dialer.builder().subprotocols("chat").proxy(new InetSocketAddress("127.0.0.1", 3128))
                .extension(ClientExtension.permessageDeflate(dev.ws.deflate.PerMessageDeflate.withDefaults()))
                .build().toString())
                .contains("subprotocols=[chat]", "extensions=1", "proxy=/127.0.0.1:3128");
    }
}
