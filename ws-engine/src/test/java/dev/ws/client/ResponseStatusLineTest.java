package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response's status line, character by character (RFC 7230 §3.1.2: {@code HTTP/d.d SP ddd SP
 * phrase}), and what the dialer says about a version or status it cannot take: each refusal names
 * the rule, and peer text in a message is cut at 80 characters.
 */
class ResponseStatusLineTest {

    private static ResponseHead parse(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return ResponseHead.parse(b, 0, ResponseHead.end(b, 0, b.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/a.1 101 X", "HTTP/1.a 101 X", "HTTP/1,1 101 X", "HTTP/1.1_101 X", "HTTP/1.1 a01 X",
            "HTTP/1.1 1a1 X", "HTTP/1.1 10a X", "HTTP/1.1 101X", "HTTP/1.1 :01 X", "HTTP/1.1 1/1 X", "HTTP/1.1 10:",
            "http/1.1 101 X", "HTTP/1.1"})
    void refusesAStatusLineThatBreaksTheGrammar(String statusLine) {
        assertThatThrownBy(() -> parse(statusLine + "\r\n\r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed status line \"" + statusLine + "\"");
    }

    @Test
    void acceptsAStatusLineWithoutPhraseAndAHeadEndingInLfCrLf() {
        ResponseHead h = parse("HTTP/1.1 101\nUpgrade: websocket\n\r\n");
        assertThat(h.status()).isEqualTo(101);
        assertThat(h.phrase()).isEmpty();
        assertThat(h.values("upgrade")).containsExactly("websocket");
        assertThat(ResponseHead.end("HTTP/1.1 101\n\r".getBytes(StandardCharsets.ISO_8859_1), 0, 14))
                .as("LF CR without the final LF is not the end").isEqualTo(ResponseHead.INCOMPLETE);
    }

    @Test
    void peerTextInMessagesIsCutAt80Characters() {
        String longPhrase = "x".repeat(100);
        assertThat(ResponseHead.cut(longPhrase)).isEqualTo("x".repeat(80) + "...");
        assertThat(ResponseHead.cut("x".repeat(80))).isEqualTo("x".repeat(80));
        assertThatThrownBy(() -> parse("HTTP/1.1 101 OK\r\nBad Name " + "y".repeat(100) + ": v\r\n\r\n"))
                .hasMessage("malformed header line \"Bad Name " + "y".repeat(71) + "...\"");
    }

    private static HandshakeFailedException refusal(String response) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(response.replace("ACCEPT", s.accept()).getBytes(StandardCharsets.ISO_8859_1));
            return s.readToEnd();
        })) {
            try {
                Dialer.defaults().connect(server.uri("/c")).abort();
            } catch (HandshakeFailedException e) {
                assertThat((byte[]) server.await()).isEmpty();
                return e;
            }
            throw new AssertionError("connected despite " + response);
        }
    }

    @Test
    void versionsBelowHttp11AreRefusedAndLaterOnesAccepted() throws Exception {
        assertThat(refusal("HTTP/0.9 101 Switching Protocols\r\n\r\n").getMessage())
                .contains("HTTP/0.9 response; a WebSocket handshake needs HTTP/1.1 or later");
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(("HTTP/2.0 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + s.accept() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return s.readToEnd();
        })) {
            Dialer.defaults().connect(server.uri("/c")).abort();
        }
    }

    @Test
    void aStatusWithoutPhraseOrWithALongOneIsNamedInTheRefusal() throws Exception {
        assertThat(refusal("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n").getMessage())
                .endsWith("expected 101 Switching Protocols, got 404");
        assertThat(refusal("HTTP/1.1 503 " + "busy ".repeat(30) + "\r\nContent-Length: 0\r\n\r\n").getMessage())
                .endsWith("got 503 " + ("busy ".repeat(30)).substring(0, 80) + "...");
    }

    @Test
    void subprotocolsInTwoHeaderLinesAreSeveral() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Protocol: a", "Sec-WebSocket-Protocol: b"));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.builder().subprotocols("a", "b").build().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.UNOFFERED_SUBPROTOCOL);
                        assertThat(e.getMessage()).contains("the server selected several subprotocols: a, b");
                    });
        }
    }

    @Test
    void aServerClosingBeforeAnyResponseIsNamedAsSuch() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.socket.shutdownOutput();
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.defaults().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.CLOSED_DURING_HANDSHAKE);
                        assertThat(e.getMessage()).endsWith("the server closed the connection after 0 bytes of its response");
                    });
        }
    }
}
