package dev.ws.client;

import static dev.ws.client.HandshakeFailedException.Reason.EXTENSION_REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.http.HeaderOption;
import dev.ws.message.InboundExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the dialer judges the server's Sec-WebSocket-Extensions and Sec-WebSocket-Protocol answers
 * beyond the wsconf cases: a malformed element is refused naming it, an empty header agrees to
 * nothing, an answer naming any of an extension's offers reaches that extension, two accepted
 * extensions may not share an RSV bit, and a connection runs at most one transforming extension.
 */
class ClientExtensionRulesTest {

    /** An extension offering {@code names}; it accepts an answer naming any of them. */
    private record Flag(int rsv, boolean transforming, String... names) implements ClientExtension {

        @Override
        public List<HeaderOption> offers() {
            return java.util.Arrays.stream(names).map(n -> new HeaderOption(n, List.of())).toList();
        }

        @Override
        public Agreement accept(List<HeaderOption> response) {
            for (HeaderOption o : response) {
                if (List.of(names).contains(o.name())) {
                    return agreement(o);
                }
            }
            return null;
        }

        private Agreement agreement(HeaderOption answered) {
            return new Agreement() {
                @Override
                public HeaderOption responseOption() {
                    return answered;
                }

                @Override
                public int rsvBits() {
                    return rsv;
                }

                @Override
                public InboundExtension newInbound() {
                    return transforming ? new InboundExtension() {
                        @Override
                        public int rsvBits() {
                            return rsv;
                        }

                        @Override
                        public boolean startMessage(FrameHeader first) {
                            return false;
                        }

                        @Override
                        public void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out)
                                throws dev.ws.WebSocketException {
                            out.accept(chunk);
                        }

                        @Override
                        public void close() {
                        }
                    } : null;
                }

                @Override
                public OutboundExtension newOutbound() {
                    return null;
                }
            };
        }
    }

    /** Answers the handshake with these extra header lines, then waits for the client to hang up. */
    private static ScriptedServer answering(String... lines) throws IOException {
        return ScriptedServer.start(s -> {
            s.write(s.response101(lines));
            return s.readToEnd();
        });
    }

    @Test
    void malformedExtensionElementIsRefusedNamingIt() throws Exception {
        try (ScriptedServer server = answering("Sec-WebSocket-Extensions: x-a; =1")) {
            assertThatThrownBy(() -> Dialer.builder().extension(new Flag(FrameHeader.RSV1, false, "x-a")).build()
                    .connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(EXTENSION_REFUSED);
                        assertThat(e.getMessage()).contains("malformed Sec-WebSocket-Extensions element '");
                    });
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    @Test
    void emptyExtensionsAndProtocolHeadersAgreeToNothing() throws Exception {
        try (ScriptedServer server = answering("Sec-WebSocket-Extensions: ", "Sec-WebSocket-Protocol: ")) {
            ClientConnection c = Dialer.builder().subprotocols("chat").extension(new Flag(FrameHeader.RSV1, false, "x-a"))
                    .build().connect(server.uri("/c"));
            assertThat(c.extensions()).isEmpty();
            assertThat(c.subprotocol()).isNull();
            c.abort();
        }
    }

    @Test
    void answerNamingAnExtensionsSecondOfferReachesThatExtension() throws Exception {
        try (ScriptedServer server = answering("Sec-WebSocket-Extensions: x-new")) {
            ClientConnection c = Dialer.builder().extension(new Flag(FrameHeader.RSV2, false, "x-other"))
                    .extension(new Flag(FrameHeader.RSV1, false, "x-old", "x-new")).build().connect(server.uri("/c"));
            assertThat(server.header("Sec-WebSocket-Extensions")).isEqualTo("x-other, x-old, x-new");
            assertThat(c.extensions()).containsExactly("x-new");
            c.abort();
        }
    }

    @Test
    void twoAcceptedExtensionsMayNotShareAnRsvBit() throws Exception {
        try (ScriptedServer server = answering("Sec-WebSocket-Extensions: x-a, x-b")) {
            assertThatThrownBy(() -> Dialer.builder().extension(new Flag(FrameHeader.RSV1, false, "x-a"))
                    .extension(new Flag(FrameHeader.RSV1, false, "x-b")).build().connect(server.uri("/c")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(EXTENSION_REFUSED);
                        assertThat(e.getMessage()).contains("extension 'x-b' uses RSV bits another accepted extension");
                    });
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    @Test
    void aConnectionRunsAtMostOneTransformingExtension() throws Exception {
        try (ScriptedServer server = answering("Sec-WebSocket-Extensions: x-a, x-b")) {
            assertThatThrownBy(() -> Dialer.builder().extension(new Flag(FrameHeader.RSV1, true, "x-a"))
                    .extension(new Flag(FrameHeader.RSV2, true, "x-b")).build().connect(server.uri("/c")))
                    .isInstanceOf(IOException.class)
                    .hasMessage("more than one transforming extension was agreed (x-a, x-b); a connection supports one");
            assertThat((byte[]) server.await()).as("the socket was closed without a frame").isEmpty();
        }
    }
}
