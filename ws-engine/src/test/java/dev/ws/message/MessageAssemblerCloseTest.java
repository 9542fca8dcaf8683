package dev.ws.message;

import static dev.ws.OpCode.OP_CLOSE;
import static dev.ws.message.WireFrames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Close payloads are validated (RFC 6455 §5.5.1, §7.4) before the listener sees them. */
class MessageAssemblerCloseTest {

    @Test
    void rejectsAOneByteCloseWith1002() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_CLOSE, bytes(0x03)).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void rejectsCodesNoPeerMaySendWith1002(int code) {
        byte[] wire = WireFrames.fromClient().close(code, "").bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999})
    void acceptsCodesPeersMaySend(int code) {
        byte[] wire = WireFrames.fromClient().close(code, "r\u00e9").bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("close:" + code + ":r\u00e9");
    }

    @Test
    void rejectsAReasonThatIsNotUtf8With1007() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_CLOSE, bytes(0x03, 0xE8, 'o', 0xFF)).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1007");
        assertThat(Feeder.server().bytewise(wire)).containsExactly("error:1007");
    }

    @Test
    void rejectsACloseOver125BytesWith1002() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_CLOSE, new byte[126]).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("error:1002");
    }

    @Test
    void reportsAnEmptyCloseAs1005() {
        byte[] wire = WireFrames.fromClient().frame(true, OP_CLOSE, new byte[0]).bytes();
        assertThat(Feeder.server().whole(wire)).containsExactly("close:1005:");
    }

    @Test
    void ignoresEverythingAfterTheCloseAndIsIdle() throws Exception {
        RecordingListener listener = new RecordingListener();
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1000, 1000, listener);
        byte[] wire = WireFrames.fromClient().close(1000, "").text("late").raw(0xFF, 0xFF).bytes();
        ByteBuffer in = ByteBuffer.wrap(wire);
        a.feed(in);
        assertThat(in.hasRemaining()).isFalse();
        ByteBuffer more = ByteBuffer.wrap(bytes(0x0F, 0xFF, 1, 2)); // garbage that would be a protocol error
        a.feed(more);
        assertThat(more.hasRemaining()).isFalse();
        assertThat(listener.events).containsExactly("close:1000:");
        assertThat(a.isIdle()).isTrue();
    }
}
