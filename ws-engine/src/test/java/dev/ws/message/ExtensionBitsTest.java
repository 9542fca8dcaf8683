package dev.ws.message;

import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_PING;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.InvalidPayloadException;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RSV bits of a negotiated extension through the blocking message layer: {@link MessageReader#allowedRsv}
 * and {@link MessageInputStream#rsv()} on the way in, {@link FrameWriter#newMessage(OpCode, int, int)}
 * and {@link FrameWriter#writeMessage(OpCode, int, byte[], int, int)} on the way out.
 */
class ExtensionBitsTest {

    /** Not UTF-8: what a compressed text payload looks like to a UTF-8 check. */
    private static final byte[] NOT_UTF8 = bytes(0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final RecordingControlHandler controls = new RecordingControlHandler(FrameWriter.server(written));

    private MessageReader reader(byte[] wire) {
        return new MessageReader(new ByteArrayInputStream(wire), Side.SERVER, MessageLimits.DEFAULT, controls);
    }

    @Test
    void refusesRsv1With1002WhenNoExtensionBitsAreAllowed() {
        byte[] wire = WireFrames.fromClient().frame(true, FrameHeader.RSV1, OP_TEXT, NOT_UTF8).bytes();
        assertThatThrownBy(() -> reader(wire).nextMessage()).isInstanceOf(ProtocolErrorException.class);
        assertThat(controls.events).containsExactly("error:1002");
    }

    @Test
    void handsOverAnRsv1MessageAsItCameWithoutCheckingUtf8() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, FrameHeader.RSV1, OP_TEXT, NOT_UTF8)
                .frame(true, OP_CONTINUATION, bytes(0xFF)).text("plain").bytes();
        MessageReader r = reader(wire).allowedRsv(FrameHeader.RSV1);
        MessageInputStream compressed = r.nextMessage();
        assertThat(compressed.opCode()).isEqualTo(OpCode.TEXT);
        assertThat(compressed.rsv()).isEqualTo(FrameHeader.RSV1);
        assertThat(compressed.readAllBytes()).containsExactly(0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0xFF);
        MessageInputStream plain = r.nextMessage();
        assertThat(plain.rsv()).isZero();
        assertThat(plain.readAllBytes()).asString().isEqualTo("plain");
    }

    @Test
    void stillChecksUtf8OfATextMessageWithoutRsvBits() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_TEXT, NOT_UTF8).bytes();
        assertThatThrownBy(() -> reader(wire).allowedRsv(FrameHeader.RSV1).nextMessage().readAllBytes())
                .isInstanceOf(InvalidPayloadException.class);
        assertThat(controls.events).containsExactly("error:1007");
    }

    @Test
    void refusesRsv1OnAContinuationFrameWith1002() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, bytes('a'))
                .frame(true, FrameHeader.RSV1, OP_CONTINUATION, bytes('b')).bytes();
        MessageInputStream m = reader(wire).allowedRsv(FrameHeader.RSV1).nextMessage();
        assertThatThrownBy(m::readAllBytes).isInstanceOf(ProtocolErrorException.class);
        assertThat(controls.events).containsExactly("error:1002");
    }

    @Test
    void refusesRsv1OnAPingWith1002() {
        byte[] wire = WireFrames.fromClient().frame(true, FrameHeader.RSV1, OP_PING, bytes(1)).bytes();
        assertThatThrownBy(() -> reader(wire).allowedRsv(FrameHeader.RSV1).nextMessage())
                .isInstanceOf(ProtocolErrorException.class);
        assertThat(controls.events).containsExactly("error:1002");
    }

    @Test
    void refusesBitsOtherThanTheAllowedOnes() {
        byte[] wire = WireFrames.fromClient().frame(true, FrameHeader.RSV2, OP_TEXT, bytes('a')).bytes();
        assertThatThrownBy(() -> reader(wire).allowedRsv(FrameHeader.RSV1).nextMessage())
                .isInstanceOf(ProtocolErrorException.class);
    }

    @Test
    void messageWriterSetsTheRsvBitsOnTheFirstFragmentOnly() throws IOException {
        FrameWriter writer = FrameWriter.server(written);
        try (MessageWriter m = writer.newMessage(OpCode.BINARY, 4, FrameHeader.RSV1)) {
            m.write(new byte[10]);
        }
        assertThat(headers(written.toByteArray())).containsExactly("BINARY rsv=4 more 4", "CONTINUATION more 4",
                "CONTINUATION fin 2");
    }

    @Test
    void writeMessageSetsTheRsvBitsOnItsFrame() throws IOException {
        FrameWriter client = new FrameWriter(written, Side.CLIENT, () -> 0x01020304);
        client.writeMessage(OpCode.TEXT, FrameHeader.RSV1, NOT_UTF8, 0, NOT_UTF8.length);
        client.writeMessage(OpCode.TEXT, "x".getBytes());
        assertThat(headers(written.toByteArray())).containsExactly("TEXT rsv=4 fin 7 masked", "TEXT fin 1 masked");
    }

    @Test
    void refusesRsvValuesOutsideThreeBits() {
        FrameWriter writer = FrameWriter.server(written);
        assertThatThrownBy(() -> writer.newMessage(OpCode.TEXT, 16, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeMessage(OpCode.TEXT, -1, new byte[1], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(written.size()).isZero();
    }

    /** "OPCODE [rsv=N] fin|more LENGTH [masked]" per frame. */
    private static List<String> headers(byte[] wire) throws IOException {
        InputStream in = new ByteArrayInputStream(wire);
        FrameHeader h = new FrameHeader();
        byte[] scratch = new byte[FrameHeader.MAX_HEADER_SIZE];
        List<String> out = new ArrayList<>();
        while (FrameIO.readHeader(in, scratch, h)) {
            in.skipNBytes(h.length());
            out.add(h.opCode() + (h.rsv() != 0 ? " rsv=" + h.rsv() : "") + (h.fin() ? " fin " : " more ")
                    + h.length() + (h.masked() ? " masked" : ""));
        }
        return out;
    }
}
