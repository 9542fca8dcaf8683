package dev.ws.client;

import static dev.ws.client.HandshakeFailedException.Reason.BAD_ACCEPT;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_CONNECTION;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_STATUS;
import static dev.ws.client.HandshakeFailedException.Reason.BAD_UPGRADE;
import static dev.ws.client.HandshakeFailedException.Reason.CLOSED_DURING_HANDSHAKE;
import static dev.ws.client.HandshakeFailedException.Reason.MALFORMED_RESPONSE;
import static dev.ws.client.HandshakeFailedException.Reason.RESPONSE_TOO_LARGE;
import static dev.ws.client.HandshakeFailedException.Reason.UNOFFERED_EXTENSION;
import static dev.ws.client.HandshakeFailedException.Reason.UNOFFERED_SUBPROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseCodes;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wsconf client cases C.1–C.6 and the other rules of RFC 6455 §4.1 over loopback: each bad
 * response is refused with a {@link HandshakeFailedException} naming the rule, and the client closes
 * TCP without sending a single frame (the text frame the server sends after the response is never
 * echoed).
 */
class HandshakeRefusalTest {

    private static final String ACCEPT_OF_XS = "eHh4eHh4eHh4eHh4eHh4eHh4eHg="; // base64 of 20 'x', as wsconf C.2

    static Stream<Arguments> badResponses() {
        return Stream.of(
                Arguments.of("C.2 wrong Sec-WebSocket-Accept", BAD_ACCEPT, ACCEPT_OF_XS,
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + ACCEPT_OF_XS + "\r\n\r\n"),
                Arguments.of("C.3 unoffered extension", UNOFFERED_EXTENSION, "x-wsconf-unknown",
                        fn(s -> s.response101("Sec-WebSocket-Extensions: x-wsconf-unknown"))),
                Arguments.of("C.4 unoffered subprotocol", UNOFFERED_SUBPROTOCOL, "x-wsconf-unoffered",
                        fn(s -> s.response101("Sec-WebSocket-Protocol: x-wsconf-unoffered"))),
                Arguments.of("C.5 200 instead of 101", BAD_STATUS, "200",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n"),
                Arguments.of("C.6 101 without Upgrade", BAD_UPGRADE, "Upgrade",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Accept: " + s.accept() + "\r\n\r\n"),
                Arguments.of("Upgrade: h2c", BAD_UPGRADE, "h2c",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + s.accept() + "\r\n\r\n"),
                Arguments.of("101 without Connection", BAD_CONNECTION, "Connection",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Sec-WebSocket-Accept: " + s.accept() + "\r\n\r\n"),
                Arguments.of("101 without Sec-WebSocket-Accept", BAD_ACCEPT, "no Sec-WebSocket-Accept",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\n\r\n"),
                Arguments.of("two Sec-WebSocket-Accept", BAD_ACCEPT, "2 Sec-WebSocket-Accept",
                        fn(s -> s.response101("Sec-WebSocket-Accept: " + s.accept()))),
                Arguments.of("HTTP/1.0", MALFORMED_RESPONSE, "HTTP/1.0",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.0 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + s.accept() + "\r\n\r\n"),
                Arguments.of("garbage status line", MALFORMED_RESPONSE, "status line",
                        (Function<ScriptedServer, String>) s -> "SSH-2.0-OpenSSH_9.6\r\n\r\n"),
                Arguments.of("folded header", MALFORMED_RESPONSE, "header line",
                        fn(s -> s.response101("X-A: 1", " continued"))),
                Arguments.of("several subprotocols", UNOFFERED_SUBPROTOCOL, "several",
                        fn(s -> s.response101("Sec-WebSocket-Protocol: a, b"))),
                Arguments.of("head larger than the limit", RESPONSE_TOO_LARGE, "exceeds 8192",
                        fn(s -> s.response101("X-Big: " + "b".repeat(9000)))),
                Arguments.of("server closes inside the head", CLOSED_DURING_HANDSHAKE, "HTTP/1.1 101",
                        (Function<ScriptedServer, String>) s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: we"));
    }

    private static Function<ScriptedServer, String> fn(Function<ScriptedServer, byte[]> f) {
        return s -> new String(f.apply(s), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResponses")
    void refusesTheConnectionAndSendsNoFrame(String name, HandshakeFailedException.Reason reason, String named,
                                             Function<ScriptedServer, String> response) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(response.apply(s).getBytes(StandardCharsets.ISO_8859_1), ScriptedServer.text("must-not-be-echoed"));
            if (reason == CLOSED_DURING_HANDSHAKE) {
                s.socket.shutdownOutput();
            }
            return s.readToEnd(); // the client must close TCP without sending anything
        })) {
            assertThatThrownBy(() -> Dialer.defaults().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.getMessage()).startsWith(reason.name()).contains(named);
                    });
            assertThat((byte[]) server.await()).as("bytes the client sent after its request").isEmpty();
        }
    }

    @Test
    void reportsStatusAndHeadersOfANon101Response() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.defaults().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.headers()).containsEntry("www-authenticate", java.util.List.of("Bearer"));
                        assertThat(e.getMessage()).contains("got 401 Unauthorized");
                    });
            server.await();
        }
    }

    @Test
    void refusesASubprotocolOtherThanTheOffered() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Protocol: v3"));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.builder().subprotocols("v1", "v2").build().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> assertThat(e.getMessage())
                            .contains("'v3', which was not offered (offered: v1, v2)"));
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    /** C.1: a masked frame from the server fails the connection with 1002 (RFC 6455 §5.1). */
    @Test
    void failsWith1002OnAMaskedServerFrameCaseC1() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.masked(OpCode.OP_TEXT,
                    "masked by server".getBytes(StandardCharsets.UTF_8), 0x12345678));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.write(ScriptedServer.close(1000, ""));
            s.socket.shutdownOutput();
            return close;
        })) {
            ClientConnection c = Dialer.defaults().connect(server.uri("/c"));
            Received r = c.receive();
            assertThat(r).isInstanceOfSatisfying(Received.Close.class,
                    close -> assertThat(close.status().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
            assertThat(c.failure()).isInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("masked frame sent by the server");
            ScriptedServer.ClientFrame close = (ScriptedServer.ClientFrame) server.await();
            assertThat(close.opcode()).isEqualTo(OpCode.OP_CLOSE);
            assertThat(close.masked()).isTrue();
            assertThat(close.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(c.isOpen()).isFalse();
        }
    }
}
