package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.http.HeaderOption;
import dev.ws.message.InboundExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam permessage-deflate will plug into: offers go out in {@code Sec-WebSocket-Extensions},
 * the extension judges the answer, and its inbound and outbound transformations run on the
 * connection with their RSV bit. The test extension flips ASCII case (XOR 0x20) under RSV1.
 */
class ExtensionSeamTest {

    /** Flips ASCII letter case; RSV1 marks transformed messages. */
    static final class CaseFlip implements ClientExtension {

        boolean refuse;

        @Override
        public List<HeaderOption> offers() {
            return List.of(new HeaderOption("x-case-flip", List.of(new HeaderOption.Parameter("mode", "ascii"))));
        }

        @Override
        public Agreement accept(List<HeaderOption> response) throws IOException {
            for (HeaderOption o : response) {
                if (o.name().equals("x-case-flip")) {
                    if (!o.parameters().isEmpty()) {
                        throw new IOException("x-case-flip answer has unknown parameters " + o.parameters());
                    }
                    return refuse ? null : new Agreement() {
                        @Override
                        public HeaderOption responseOption() {
                            return o;
                        }

                        @Override
                        public int rsvBits() {
                            return FrameHeader.RSV1;
                        }

                        @Override
                        public InboundExtension newInbound() {
                            return new InboundExtension() {
                                @Override
                                public int rsvBits() {
                                    return FrameHeader.RSV1;
                                }

                                @Override
                                public boolean startMessage(FrameHeader first) {
                                    return (first.rsv() & FrameHeader.RSV1) != 0;
                                }

                                @Override
                                public void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out)
                                        throws dev.ws.WebSocketException {
                                    out.accept(flip(chunk));
                                }

                                @Override
                                public void close() {
                                }
                            };
                        }

                        @Override
                        public OutboundExtension newOutbound() {
                            return new OutboundExtension() {
                                @Override
                                public int rsvBits() {
                                    return FrameHeader.RSV1;
                                }

                                @Override
                                public ByteBuffer transform(int opcode, ByteBuffer message) {
                                    return flip(message);
                                }

                                @Override
                                public void close() {
                                }
                            };
                        }
                    };
                }
            }
            return null;
        }

        static ByteBuffer flip(ByteBuffer in) {
            ByteBuffer out = ByteBuffer.allocate(in.remaining());
            for (int i = in.position(); i < in.limit(); i++) {
                out.put((byte) (in.get(i) ^ 0x20));
            }
            return out.flip();
        }
    }

    @Test
    void offersTheExtensionAndRunsBothTransformations() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Extensions: x-case-flip"),
                    ScriptedServer.frame(true, 4, OpCode.OP_TEXT, "WORLD".getBytes(StandardCharsets.US_ASCII)));
            ScriptedServer.ClientFrame sent = s.readFrame();
            s.write(ScriptedServer.close(1000, ""));
            s.readFrame();
            s.socket.close();
            return sent;
        })) {
            ClientConnection c = Dialer.builder().extension(new CaseFlip()).build().connect(server.uri("/x"));
            assertThat(server.header("Sec-WebSocket-Extensions")).isEqualTo("x-case-flip; mode=ascii");
            assertThat(c.extensions()).containsExactly("x-case-flip");
            assertThat(c.receive()).isEqualTo(new Received.Text("world"));
            c.sendText("hello");
            assertThat(c.receive()).isInstanceOf(Received.Close.class);
            ScriptedServer.ClientFrame sent = (ScriptedServer.ClientFrame) server.await();
            assertThat(sent.rsv()).isEqualTo(4);
            assertThat(sent.text()).isEqualTo("HELLO");
        }
    }

    @Test
    void failsTheHandshakeWhenTheExtensionRefusesTheAnswer() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Extensions: x-case-flip; level=9"));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.builder().extension(new CaseFlip()).build().connect(server.uri("/x")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.EXTENSION_REFUSED);
                        assertThat(e.getMessage()).contains("unknown parameters");
                    });
            assertThat((byte[]) server.await()).isEmpty();
        }
    }

    @Test
    void failsTheHandshakeWhenTheOfferingExtensionDoesNotTakeItsAnswer() throws Exception {
        CaseFlip ext = new CaseFlip();
        ext.refuse = true;
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101("Sec-WebSocket-Extensions: x-case-flip"));
            return s.readToEnd();
        })) {
            assertThatThrownBy(() -> Dialer.builder().extension(ext).build().connect(server.uri("/x")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e ->
                            assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.EXTENSION_REFUSED));
            server.await();
        }
    }

    @Test
    void rejectsRsv1WhenNoExtensionWasAgreed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.write(s.response101(), ScriptedServer.frame(true, 4, OpCode.OP_TEXT, new byte[] {'a'}));
            ScriptedServer.ClientFrame close = s.readFrame();
            s.socket.close();
            return close;
        })) {
            ClientConnection c = Dialer.builder().extension(new CaseFlip()).build().connect(server.uri("/x"));
            assertThat(c.extensions()).isEmpty();
            assertThat(((Received.Close) c.receive()).status().code()).isEqualTo(1002);
            assertThat(((ScriptedServer.ClientFrame) server.await()).closeCode()).isEqualTo(1002);
        }
    }
}
