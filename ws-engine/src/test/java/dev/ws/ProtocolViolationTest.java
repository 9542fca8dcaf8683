package dev.ws;

import static dev.ws.WireFrames.bytes;
import static dev.ws.WireFrames.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins each protocol rule of RFC 6455 §5.1–§5.5 and §7.4 to its close code and to a message that
 * names the rule and the value seen. Each violation is fed to a {@link FrameDecoder} whole and one
 * byte at a time (same failure), and where it applies also to {@link FrameIO#readFrame}.
 */
class ProtocolViolationTest {

    private static final int KEY = 0x11223344;

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void rejectsReservedOpcodesWith1002(int opcode) {
        WebSocketException e = failure(Side.SERVER, 0, header(true, 0, opcode, true, KEY, 0));
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("reserved opcode 0x" + Integer.toHexString(opcode));
        assertThat(e.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(streamFailure(Side.SERVER, header(true, 0, opcode, true, KEY, 0)))
                .hasMessage(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {FrameHeader.RSV1, FrameHeader.RSV2, FrameHeader.RSV3, 7})
    void rejectsRsvBitsWithoutNegotiatedExtension(int rsv) {
        WebSocketException e = failure(Side.SERVER, 0, header(true, rsv, OpCode.OP_TEXT, true, KEY, 0));
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("RSV bits " + rsv).hasMessageContaining("without a negotiated extension");
        assertThat(streamFailure(Side.SERVER, header(true, rsv, OpCode.OP_TEXT, true, KEY, 0))).hasMessage(e.getMessage());
    }

    @Test
    void acceptsOnlyTheRsvBitsAnExtensionNegotiated() {
        assertThatCode(() -> decodeAll(Side.SERVER, FrameHeader.RSV1, header(true, FrameHeader.RSV1, OpCode.OP_TEXT, true, KEY, 0)))
                .doesNotThrowAnyException();
        assertThat(failure(Side.SERVER, FrameHeader.RSV1, header(true, FrameHeader.RSV1 | FrameHeader.RSV2, OpCode.OP_TEXT, true, KEY, 0)))
                .hasMessageContaining("RSV bits 6");
    }

    @ParameterizedTest
    @ValueSource(ints = {OpCode.OP_CLOSE, OpCode.OP_PING, OpCode.OP_PONG})
    void rejectsControlFramePayloadOver125(int opcode) {
        WebSocketException e = failure(Side.SERVER, 0, header(true, 0, opcode, true, KEY, 126));
        assertThat(e).isInstanceOf(ProtocolErrorException.class).hasMessage("control frame payload 126 exceeds 125");
        assertThat(failure(Side.CLIENT, 0, header(true, 0, opcode, false, 0, 70_000)))
                .hasMessage("control frame payload 70000 exceeds 125");
        assertThat(streamFailure(Side.SERVER, header(true, 0, opcode, true, KEY, 126))).hasMessage(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {OpCode.OP_CLOSE, OpCode.OP_PING, OpCode.OP_PONG})
    void rejectsFragmentedControlFrame(int opcode) {
        WebSocketException e = failure(Side.SERVER, 0, header(false, 0, opcode, true, KEY, 2));
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("fragmented control frame").hasMessageContaining("0x" + Integer.toHexString(opcode));
        assertThat(streamFailure(Side.SERVER, header(false, 0, opcode, true, KEY, 2))).hasMessage(e.getMessage());
    }

    @Test
    void serverRequiresMaskedFrames() {
        WebSocketException e = failure(Side.SERVER, 0, header(true, 0, OpCode.OP_BINARY, false, 0, 3));
        assertThat(e).isInstanceOf(ProtocolErrorException.class).hasMessageContaining("unmasked frame sent by the client");
        assertThat(streamFailure(Side.SERVER, header(true, 0, OpCode.OP_BINARY, false, 0, 3))).hasMessage(e.getMessage());
    }

    @Test
    void clientRejectsMaskedFrames() {
        WebSocketException e = failure(Side.CLIENT, 0, header(true, 0, OpCode.OP_BINARY, true, KEY, 3));
        assertThat(e).isInstanceOf(ProtocolErrorException.class).hasMessageContaining("masked frame sent by the server");
        assertThat(streamFailure(Side.CLIENT, header(true, 0, OpCode.OP_BINARY, true, KEY, 3))).hasMessage(e.getMessage());
    }

    @Test
    void checkWithoutSideAcceptsBothMaskedAndUnmasked() {
        assertThatCode(() -> {
            ProtocolChecks.checkHeader(new FrameHeader().set(true, 0, OpCode.OP_TEXT, 1), null, 0, false);
            ProtocolChecks.checkHeader(new FrameHeader().set(true, 0, OpCode.OP_TEXT, 1).mask(KEY), null, 0, false);
        }).doesNotThrowAnyException();
    }

    @Test
    void rejectsContinuationWithoutAMessageToContinue() {
        WebSocketException e = failure(Side.SERVER, 0, header(true, 0, OpCode.OP_CONTINUATION, true, KEY, 1));
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("continuation frame without a message to continue");
        assertThat(streamFailure(Side.SERVER, header(true, 0, OpCode.OP_CONTINUATION, true, KEY, 1))).hasMessage(e.getMessage());
        // also after a message has been completed
        assertThat(failure(Side.CLIENT, 0, frame(false, OpCode.OP_TEXT, 1), frame(true, OpCode.OP_CONTINUATION, 1),
                frame(true, OpCode.OP_CONTINUATION, 1))).hasMessage(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {OpCode.OP_TEXT, OpCode.OP_BINARY})
    void requiresContinuationWhileAMessageIsFragmented(int opcode) {
        WebSocketException e = failure(Side.CLIENT, 0, frame(false, OpCode.OP_TEXT, 3), frame(true, OpCode.OP_PING, 0),
                frame(true, opcode, 1));
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("continuation expected").hasMessageContaining("opcode 0x" + opcode);
        assertThatCode(() -> FrameIO.readFrame(new ByteArrayInputStream(frame(true, opcode, 1)), Side.CLIENT, 100, false))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ProtocolErrorException.class,
                () -> FrameIO.readFrame(new ByteArrayInputStream(frame(true, opcode, 1)), Side.CLIENT, 100, true)))
                .hasMessage(e.getMessage());
    }

    @Test
    void rejects64BitLengthWithMostSignificantBitSet() {
        byte[] wire = bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1);
        WebSocketException e = failure(Side.CLIENT, 0, wire);
        assertThat(e).isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining("most significant bit").hasMessageContaining("0x8000000000000001");
        assertThat(streamFailure(Side.CLIENT, wire)).hasMessage(e.getMessage());
        assertThat(failure(Side.CLIENT, 0, bytes(0x82, 127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)))
                .hasMessageContaining("0xffffffffffffffff");
    }

    @Test
    void rejectsNonMinimalLengthEncoding() {
        assertThat(failure(Side.CLIENT, 0, bytes(0x82, 126, 0, 125))).isInstanceOf(ProtocolErrorException.class)
                .hasMessage("non-minimal length encoding: 125 in 16 bits");
        assertThat(failure(Side.CLIENT, 0, bytes(0x82, 126, 0, 0))).hasMessage("non-minimal length encoding: 0 in 16 bits");
        assertThat(failure(Side.CLIENT, 0, bytes(0x82, 127, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF)))
                .hasMessage("non-minimal length encoding: 65535 in 64 bits");
        assertThat(failure(Side.CLIENT, 0, bytes(0x82, 127, 0, 0, 0, 0, 0, 0, 0, 5)))
                .hasMessage("non-minimal length encoding: 5 in 64 bits");
        assertThat(failure(Side.SERVER, 0, bytes(0x82, 0xFE, 0, 1, 1, 2, 3, 4)))
                .hasMessage("non-minimal length encoding: 1 in 16 bits");
        assertThat(streamFailure(Side.CLIENT, bytes(0x82, 126, 0, 125))).hasMessage("non-minimal length encoding: 125 in 16 bits");
    }

    @Test
    void rejectsClosePayloadOfOneByte() {
        WebSocketException e = failure(Side.SERVER, 0, header(true, 0, OpCode.OP_CLOSE, true, KEY, 1));
        assertThat(e).isInstanceOf(ProtocolErrorException.class).hasMessageContaining("close payload of 1 byte");
        assertThat(streamFailure(Side.SERVER, header(true, 0, OpCode.OP_CLOSE, true, KEY, 1))).hasMessage(e.getMessage());
        assertThat(catchThrowableOfType(ProtocolErrorException.class, () -> CloseStatus.parse(ByteBuffer.wrap(bytes(3)))))
                .hasMessage(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void rejectsCloseCodesNoPeerMaySend(int code) {
        ProtocolErrorException e = catchThrowableOfType(ProtocolErrorException.class,
                () -> CloseStatus.parse(ByteBuffer.wrap(bytes(code >> 8, code, 'o', 'k'))));
        assertThat(e).hasMessage("close code " + code + " may not be sent by a peer");
        assertThat(e.closeCode()).isEqualTo(1002);
        assertThat(catchThrowableOfType(ProtocolErrorException.class,
                () -> CloseStatus.parse(ByteBuffer.wrap(bytes(code >> 8, code))))).hasMessage(e.getMessage());
        assertThat(CloseCodes.isValidOnWire(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void acceptsCloseCodesPeersMaySend(int code) throws WebSocketException {
        assertThat(CloseStatus.parse(ByteBuffer.wrap(bytes(code >> 8, code)))).isEqualTo(CloseStatus.of(code));
        assertThat(CloseStatus.parse(ByteBuffer.wrap(bytes(code >> 8, code, 'o', 'k')))).isEqualTo(new CloseStatus(code, "ok"));
        assertThat(CloseCodes.isValidOnWire(code)).isTrue();
    }

    @Test
    void rejectsCloseReasonThatIsNotUtf8With1007() {
        for (byte[] reason : new byte[][] {bytes(0xFF), bytes('a', 0xC3), bytes(0xED, 0xA0, 0x80), bytes(0xC0, 0x80)}) {
            byte[] payload = WireFrames.concat(bytes(0x03, 0xE8), reason);
            InvalidPayloadException e = catchThrowableOfType(InvalidPayloadException.class,
                    () -> CloseStatus.parse(ByteBuffer.wrap(payload)));
            assertThat(e).as(WireFrames.hex(reason)).hasMessageContaining("close reason is not valid UTF-8");
            assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(e.closeStatus().code()).isEqualTo(1007);
        }
    }

    @Test
    void rejectsFrameOverTheDecoderLimitWith1009() throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(Side.SERVER, 1000);
        ByteBuffer ok = ByteBuffer.wrap(WireFrames.frame(true, 0, OpCode.OP_BINARY, true, KEY, new byte[1000]));
        assertThat(decoder.decode(ok)).isEqualTo(FrameDecoder.HEADER);
        MessageTooBigException e = catchThrowableOfType(MessageTooBigException.class,
                () -> new FrameDecoder(Side.SERVER, 1000).decode(ByteBuffer.wrap(header(true, 0, OpCode.OP_BINARY, true, KEY, 1001))));
        assertThat(e).hasMessage("frame payload 1001 exceeds the limit of 1000");
        assertThat(e.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        MessageTooBigException s = catchThrowableOfType(MessageTooBigException.class,
                () -> FrameIO.readFrame(new ByteArrayInputStream(header(true, 0, OpCode.OP_BINARY, true, KEY, 1001)),
                        Side.SERVER, 1000, false));
        assertThat(s).hasMessage(e.getMessage());
    }

    @Test
    void protocolRulesAreCheckedBeforeTheSizeLimit() {
        assertThat(failure(Side.SERVER, 0, header(true, 0, OpCode.OP_PING, true, KEY, 70_000)))
                .isInstanceOf(ProtocolErrorException.class);
    }

    @Test
    void decoderRejectsALimitBelowTheControlPayload() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new FrameDecoder(Side.SERVER, 124)))
                .hasMessageContaining("124");
    }

    @Test
    void compressionBitOnlyOnTheFirstFrameOfADataMessage() {
        assertThatCode(() -> ProtocolChecks.checkCompressionBit(new FrameHeader().set(false, FrameHeader.RSV1, OpCode.OP_TEXT, 1)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProtocolChecks.checkCompressionBit(new FrameHeader().set(true, 0, OpCode.OP_PING, 1)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProtocolChecks.checkCompressionBit(new FrameHeader().set(true, 0, OpCode.OP_CONTINUATION, 1)))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ProtocolErrorException.class,
                () -> ProtocolChecks.checkCompressionBit(new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_PING, 1))))
                .hasMessageContaining("RSV1 set on a control frame");
        assertThat(catchThrowableOfType(ProtocolErrorException.class,
                () -> ProtocolChecks.checkCompressionBit(new FrameHeader().set(true, FrameHeader.RSV1, OpCode.OP_CONTINUATION, 1))))
                .hasMessageContaining("RSV1 set on a continuation frame");
    }

    /** A client-to-client test frame: unmasked, with a payload of {@code length} zero bytes. */
    private static byte[] frame(boolean fin, int opcode, int length) {
        return WireFrames.frame(fin, 0, opcode, false, 0, new byte[length]);
    }

    private static void decodeAll(Side side, int allowedRsv, byte[]... frames) throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(side, 1 << 20);
        decoder.allowedRsv(allowedRsv);
        ByteBuffer in = ByteBuffer.wrap(WireFrames.concat(frames));
        while (decoder.decode(in) != FrameDecoder.NEED_MORE) {
            // drain
        }
    }

    /**
     * Decodes the frames whole and then one byte at a time; both must fail alike, on the last frame
     * (each earlier frame must decode), and the failure is returned.
     */
    private static WebSocketException failure(Side side, int allowedRsv, byte[]... frames) {
        byte[][] earlier = java.util.Arrays.copyOf(frames, frames.length - 1);
        assertThatCode(() -> decodeAll(side, allowedRsv, earlier)).doesNotThrowAnyException();
        WebSocketException whole = catchThrowableOfType(WebSocketException.class, () -> decodeAll(side, allowedRsv, frames));
        assertThat(whole).as("decoding %s", WireFrames.hex(WireFrames.concat(frames))).isNotNull();
        FrameDecoder decoder = new FrameDecoder(side, 1 << 20);
        decoder.allowedRsv(allowedRsv);
        byte[] wire = WireFrames.concat(frames);
        WebSocketException piecewise = catchThrowableOfType(WebSocketException.class, () -> {
            for (byte b : wire) {
                ByteBuffer in = ByteBuffer.wrap(new byte[] {b});
                while (decoder.decode(in) != FrameDecoder.NEED_MORE) {
                    // drain
                }
            }
        });
        assertThat(piecewise).as("one byte at a time").isNotNull().hasMessage(whole.getMessage())
                .hasSameClassAs(whole);
        assertThat(whole.closeStatus().code()).isEqualTo(whole.closeCode());
        assertThat(whole.closeStatus().reason()).isEqualTo(whole.getMessage());
        return whole;
    }

    /** The failure of {@link FrameIO#readFrame} on the same bytes (server side, no fragmentation). */
    private static WebSocketException streamFailure(Side side, byte[] wire) {
        byte[] padded = WireFrames.concat(wire, new byte[200]);
        return catchThrowableOfType(WebSocketException.class,
                () -> FrameIO.readFrame(new ByteArrayInputStream(padded), side, 1 << 20, false));
    }
}
