package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CLOSE;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.bytes;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ws.InvalidPayloadException;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MessageReader} over in-memory streams: messages, control frames, limits, UTF-8, EOF. */
class MessageReaderTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final RecordingControlHandler controls = new RecordingControlHandler(FrameWriter.server(written));

    private MessageReader reader(byte[] wire) {
        return reader(new ByteArrayInputStream(wire), MessageLimits.DEFAULT);
    }

    private MessageReader reader(InputStream in, MessageLimits limits) {
        return new MessageReader(in, Side.SERVER, limits, controls);
    }

    @Test
    void readsMessagesAcrossFragmentsAndEndsEachWithMinusOne() throws IOException {
        byte[] wire = WireFrames.fromClient().text("hello")
                .frame(false, OP_BINARY, bytes(1, 2)).frame(false, OP_CONTINUATION, new byte[0])
                .frame(true, OP_CONTINUATION, bytes(3)).bytes();
        MessageReader r = reader(wire);
        MessageInputStream first = r.nextMessage();
        assertThat(first.opCode()).isEqualTo(OpCode.TEXT);
        assertThat(new String(first.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(first.read()).isEqualTo(-1);
        MessageInputStream second = r.nextMessage();
        assertThat(second.opCode()).isEqualTo(OpCode.BINARY);
        assertThat(second.readAllBytes()).containsExactly(1, 2, 3);
        assertThat(r.nextMessage()).as("clean end of stream").isNull();
    }

    @Test
    void handsControlFramesBetweenFragmentsToTheHandlerAndAnswersPings() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, utf8("ab")).ping("p")
                .pong("q").frame(true, OP_CONTINUATION, utf8("c")).bytes();
        MessageInputStream m = reader(wire).nextMessage();
        assertThat(new String(m.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(controls.events).containsExactly("ping:70", "pong:71");
        assertThat(WireParser.describe(written.toByteArray())).containsExactly("PONG fin 70");
    }

    @Test
    void readsTheSameWhenTheStreamTricklesOneByteAtATime() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, utf8("h\u00e9")).ping("x")
                .frame(true, OP_CONTINUATION, utf8("llo")).binary(new byte[300]).bytes();
        MessageReader r = reader(new Trickling(new ByteArrayInputStream(wire)), MessageLimits.DEFAULT);
        assertThat(new String(r.nextMessage().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("h\u00e9llo");
        assertThat(r.nextMessage().readAllBytes()).hasSize(300);
        assertThat(r.nextMessage()).isNull();
        assertThat(controls.events).containsExactly("ping:78");
    }

    @Test
    void endsWithConnectionClosedAfterAnsweringACloseWithTheSameCodeAndReason() throws IOException {
        byte[] wire = WireFrames.fromClient().text("a").close(4001, "bye now").text("ignored").bytes();
        MessageReader r = reader(wire);
        assertThat(r.nextMessage().readAllBytes()).containsExactly('a');
        assertThatThrownBy(r::nextMessage).isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
            assertThat(e.status().code()).isEqualTo(4001);
            assertThat(e.status().reason()).isEqualTo("bye now");
        });
        assertThat(WireParser.describe(written.toByteArray())).containsExactly("CLOSE fin 0fa1627965206e6f77");
        assertThatThrownBy(r::nextMessage).as("stays closed").isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void answersAnEmptyCloseWithAnEmptyClose() throws IOException {
        MessageReader r = reader(WireFrames.fromClient().frame(true, OP_CLOSE, new byte[0]).bytes());
        assertThatThrownBy(r::nextMessage).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.status().code()).isEqualTo(1005));
        assertThat(WireParser.describe(written.toByteArray())).containsExactly("CLOSE fin ");
    }

    @Test
    void endsWithConnectionClosedWhenACloseArrivesInsideAMessage() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_BINARY, bytes(1)).close(1001, "").bytes();
        MessageInputStream m = reader(wire).nextMessage();
        assertThat(m.read()).isEqualTo(1);
        assertThatThrownBy(m::read).isInstanceOf(ConnectionClosedException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 1005, 1006, 1015, 2000, 5000})
    void answersAnInvalidCloseCodeWith1002(int code) {
        MessageReader r = reader(WireFrames.fromClient().close(code, "").bytes());
        assertThatThrownBy(r::nextMessage).isInstanceOf(ProtocolErrorException.class);
        assertThat(WireParser.parse(written.toByteArray())).singleElement()
                .satisfies(f -> assertThat(f.payload()).startsWith(0x03, 0xEA)); // 1002
    }

    @Test
    void answersAOneByteCloseWith1002() {
        MessageReader r = reader(WireFrames.fromClient().frame(true, OP_CLOSE, bytes(3)).bytes());
        assertThatThrownBy(r::nextMessage).isInstanceOf(ProtocolErrorException.class);
        assertThat(WireParser.parse(written.toByteArray()).get(0).payload()).startsWith(0x03, 0xEA); // 1002
    }

    @Test
    void answersACloseReasonThatIsNotUtf8With1007() {
        MessageReader r = reader(WireFrames.fromClient().frame(true, OP_CLOSE, bytes(3, 0xE8, 0xC0)).bytes());
        assertThatThrownBy(r::nextMessage).isInstanceOf(InvalidPayloadException.class);
        assertThat(WireParser.parse(written.toByteArray()).get(0).payload()).startsWith(0x03, 0xEF); // 1007
        assertThat(controls.events).containsExactly("error:1007");
    }

    @Test
    void failsWith1009OnAnOversizedFrameHavingReadOnlyItsHeader() throws IOException {
        byte[] wire = WireFrames.fromClient().binary(new byte[1000]).bytes();
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        MessageReader r = reader(in, new MessageLimits(500, 5000));
        assertThatThrownBy(r::nextMessage).isInstanceOf(MessageTooBigException.class);
        assertThat(wire.length - in.available()).as("bytes consumed").isEqualTo(8);
        assertThat(WireParser.parse(written.toByteArray()).get(0).payload()).startsWith(0x03, 0xF1); // 1009
    }

    @Test
    void failsWith1009WhenOneByteFragmentsExceedTheMessageLimit() throws IOException {
        WireFrames wire = WireFrames.fromClient().frame(false, OP_BINARY, bytes(0));
        for (int i = 1; i < 100_000; i++) {
            wire.frame(i == 99_999, OP_CONTINUATION, bytes(i));
        }
        MessageInputStream m = reader(new ByteArrayInputStream(wire.bytes()), MessageLimits.of(64 * 1024)).nextMessage();
        byte[] buf = new byte[100];
        long read = 0;
        try {
            for (int n; (n = m.read(buf)) >= 0; ) {
                read += n;
            }
            fail("no failure");
        } catch (MessageTooBigException e) {
            assertThat(read).isEqualTo(64 * 1024);
        }
    }

    @Test
    void failsFastOnInvalidUtf8AcrossFragments() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_TEXT, utf8("ok"))
                .frame(false, OP_CONTINUATION, bytes(0xF4, 0x90, 0x80))
                .frame(true, OP_CONTINUATION, utf8("rest")).bytes();
        MessageInputStream m = reader(wire).nextMessage();
        assertThat(m.read()).isEqualTo('o');
        assertThat(m.read()).isEqualTo('k');
        assertThat(m.read()).isEqualTo(0xF4);
        assertThatThrownBy(m::read).isInstanceOf(InvalidPayloadException.class);
        assertThat(controls.events).containsExactly("error:1007");
    }

    @Test
    void failsAtTheEndOfATextThatEndsInsideACodePoint() throws IOException {
        MessageInputStream m = reader(WireFrames.fromClient().frame(true, OP_TEXT, bytes('a', 0xE2, 0x82)).bytes())
                .nextMessage();
        assertThat(m.readNBytes(3)).hasSize(3);
        assertThatThrownBy(m::read).isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void tellsACleanEndFromAnUnexpectedOne() throws IOException {
        byte[] whole = WireFrames.fromClient().frame(false, OP_BINARY, bytes(1, 2, 3)).bytes();
        MessageInputStream cutInPayload = reader(java.util.Arrays.copyOf(whole, whole.length - 1)).nextMessage();
        assertThatThrownBy(cutInPayload::readAllBytes).isInstanceOf(EOFException.class);
        MessageInputStream cutBetweenFragments = reader(whole).nextMessage();
        assertThatThrownBy(cutBetweenFragments::readAllBytes).isInstanceOf(EOFException.class)
                .hasMessageContaining("fragmented");
        assertThatThrownBy(() -> reader(bytes(0x81)).nextMessage()).isInstanceOf(EOFException.class);
        assertThat(reader(new byte[0]).nextMessage()).isNull();
    }

    @Test
    void skipsAnUnfinishedMessageAndEndsItsStream() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OP_BINARY, new byte[10]).ping("")
                .frame(true, OP_CONTINUATION, new byte[10]).text("next").bytes();
        MessageReader r = reader(wire);
        MessageInputStream first = r.nextMessage();
        assertThat(first.read()).isZero();
        MessageInputStream second = r.nextMessage();
        assertThat(first.read()).as("a stream the reader left").isEqualTo(-1);
        assertThat(new String(second.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("next");
        assertThat(controls.events).containsExactly("ping:");
    }

    @Test
    void stillValidatesTheTextItSkips() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(true, OP_TEXT, bytes('a', 0xFF)).text("next").bytes();
        MessageReader r = reader(wire);
        r.nextMessage();
        assertThatThrownBy(r::nextMessage).isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void rejectsProtocolErrorsWith1002() {
        assertThatThrownBy(() -> reader(WireFrames.fromServer().text("unmasked").bytes()).nextMessage())
                .isInstanceOf(ProtocolErrorException.class);
        assertThatThrownBy(() -> reader(WireFrames.fromClient().frame(true, OP_CONTINUATION, bytes(1)).bytes()).nextMessage())
                .isInstanceOf(ProtocolErrorException.class);
        assertThatThrownBy(() -> reader(WireFrames.fromClient().frame(false, 0x9, bytes(1)).bytes()).nextMessage())
                .as("fragmented ping").isInstanceOf(ProtocolErrorException.class);
        assertThat(controls.events).containsExactly("error:1002", "error:1002", "error:1002");
    }

    @Test
    void isUnusableAfterAFailure() {
        MessageReader r = reader(WireFrames.fromClient().frame(true, OP_CONTINUATION, bytes(1)).text("x").bytes());
        assertThatThrownBy(r::nextMessage).isInstanceOf(ProtocolErrorException.class);
        assertThatThrownBy(r::nextMessage).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
        assertThat(controls.events).containsExactly("error:1002");
    }

    /** Returns at most one byte per read, like a slow network. */
    static final class Trickling extends FilterInputStream {
        Trickling(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }
}
