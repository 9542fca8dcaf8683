package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.OpCode;
import dev.ws.Side;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MessageWriter}: fragments on flush and when full, the final frame on close, one write per frame. */
class MessageWriterTest {

    private final CountingOutputStream out = new CountingOutputStream();
    private final FrameWriter server = FrameWriter.server(out);

    @Test
    void sendsEachFragmentInASingleWrite() throws IOException {
        try (MessageWriter w = server.newMessage(OpCode.BINARY, 100)) {
            w.write(new byte[250]);
            w.flush();
            w.write(7);
        }
        List<WireParser.ParsedFrame> frames = WireParser.parse(out.bytes());
        assertThat(frames).extracting(WireParser.ParsedFrame::opcode).containsExactly(2, 0, 0, 0);
        assertThat(frames).extracting(f -> f.payload().length).containsExactly(100, 100, 50, 1);
        assertThat(frames).extracting(WireParser.ParsedFrame::fin).containsExactly(false, false, false, true);
        assertThat(out.writes).hasSize(4);
        for (byte[] write : out.writes) {
            assertThat(WireParser.parse(write)).as("each write is one whole frame").hasSize(1);
        }
    }

    @Test
    void doesNotSendAnythingOnAnEmptyFlush() throws IOException {
        MessageWriter w = server.newMessage(OpCode.TEXT);
        w.flush();
        w.flush();
        assertThat(out.writes).isEmpty();
        w.write('a');
        w.flush();
        w.flush();
        w.close();
        assertThat(WireParser.describe(out.bytes())).containsExactly("TEXT more 'a'", "CONT fin ''");
    }

    @Test
    void sendsABufferFilledExactlyAsTheFinalFrameOnClose() throws IOException {
        try (MessageWriter w = server.newMessage(OpCode.BINARY, 4)) {
            w.write(new byte[4]);
        }
        assertThat(WireParser.describe(out.bytes())).containsExactly("BINARY fin '\0\0\0\0'");
    }

    @Test
    void sendsAnEmptyMessageWhenClosedUnwritten() throws IOException {
        server.newMessage(OpCode.TEXT).close();
        assertThat(WireParser.describe(out.bytes())).containsExactly("TEXT fin ''");
    }

    @Test
    void keepsOneMessageWhenAWrapperFlushesIt() throws IOException {
        try (Writer text = new OutputStreamWriter(server.newMessage(OpCode.TEXT, 8), StandardCharsets.UTF_8)) {
            text.write("h\u00e9llo ");
            text.flush();
            text.write("w\u00f6rld and more");
        }
        List<WireParser.ParsedFrame> frames = WireParser.parse(out.bytes());
        assertThat(frames.get(frames.size() - 1).fin()).isTrue();
        assertThat(frames.stream().filter(WireParser.ParsedFrame::fin)).hasSize(1);
        StringBuilder joined = new StringBuilder();
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        frames.forEach(f -> payload.writeBytes(f.payload()));
        joined.append(payload.toString(StandardCharsets.UTF_8));
        assertThat(joined.toString()).isEqualTo("h\u00e9llo w\u00f6rld and more");
    }

    @Test
    void masksClientFragmentsInItsOwnBufferLeavingTheCallersBytesAlone() throws IOException {
        FrameWriter client = new FrameWriter(out, Side.CLIENT, () -> 0x11223344);
        byte[] data = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        try (MessageWriter w = client.newMessage(OpCode.TEXT, 6)) {
            w.write(data);
        }
        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
        List<WireParser.ParsedFrame> frames = WireParser.parse(out.bytes());
        assertThat(frames).allSatisfy(f -> assertThat(f.masked()).isTrue());
        assertThat(WireParser.describe(out.bytes())).containsExactly("TEXT more 'abcdef'", "CONT fin 'ghij'");
        assertThat(out.writes).hasSize(2);
        assertThat(out.bytes()).as("payload bytes on the wire are masked").doesNotContain((byte) 'a');
    }

    @Test
    void refusesWritesAfterClose() throws IOException {
        MessageWriter w = server.newMessage(OpCode.BINARY);
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write(1)).isInstanceOf(IOException.class);
        assertThat(WireParser.parse(out.bytes())).hasSize(1);
    }

    @Test
    void refusesASecondMessageOpenedByTheThreadWritingOne() throws IOException {
        MessageWriter first = server.newMessage(OpCode.TEXT, 2);
        first.write(new byte[] {'a', 'b', 'c'}); // a first fragment went out: the message lock is held
        MessageWriter second = server.newMessage(OpCode.TEXT);
        second.write('x');
        assertThatThrownBy(second::close).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.writeMessage(OpCode.TEXT, new byte[1])).isInstanceOf(IllegalStateException.class);
        first.close();
        server.writeMessage(OpCode.TEXT, new byte[] {'z'});
        assertThat(WireParser.describe(out.bytes())).containsExactly("TEXT more 'ab'", "CONT fin 'c'", "TEXT fin 'z'");
    }

    @Test
    void releasesTheMessageLockWhenAWriteFails() throws IOException {
        MessageWriter w = server.newMessage(OpCode.BINARY, 2);
        w.write(new byte[2]);
        out.failNext = new IOException("broken pipe");
        assertThatThrownBy(() -> w.write(new byte[1])).isInstanceOf(IOException.class).hasMessage("broken pipe");
        assertThatThrownBy(() -> server.writeMessage(OpCode.TEXT, new byte[1]))
                .as("later writes fail fast instead of waiting for the lock or writing after half a frame")
                .isInstanceOf(IOException.class).hasMessageContaining("earlier write failed");
    }

    @Test
    void rejectsAnEmptyOrNegativeBuffer() {
        assertThatThrownBy(() -> server.newMessage(OpCode.TEXT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.newMessage(OpCode.PING)).isInstanceOf(IllegalArgumentException.class);
    }
}
