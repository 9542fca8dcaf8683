package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Lending an assembler to another connection ({@link MessageAssembler#rebind}), as the server's
 * event loops do: allowed between messages only, and refused mid-message, after a failure, after
 * close or with an extension, with a message that names the state the assembler is in.
 */
class MessageAssemblerRebindTest {

    private static MessageAssembler assembler(MessageListener listener) {
        return new MessageAssembler(Side.SERVER, 1 << 16, 1 << 16, listener);
    }

    private static void feed(MessageAssembler a, WireFrames frames) throws Exception {
        a.feed(ByteBuffer.wrap(frames.bytes()));
    }

    @Test
    void betweenMessagesTheNextMessageGoesToTheNewListener() throws Exception {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        MessageAssembler a = assembler(first);
        feed(a, WireFrames.fromClient().text("one"));
        assertThat(a.isReusable()).isTrue();
        a.rebind(second);
        feed(a, WireFrames.fromClient().text("two"));
        assertThat(first.events).containsExactly("text:one");
        assertThat(second.events).containsExactly("text:two");
    }

    @Test
    void midMessageRebindIsRefusedNamingTheMessageInProgress() throws Exception {
        MessageAssembler text = assembler(new RecordingListener());
        feed(text, WireFrames.fromClient().frame(false, OpCode.OP_TEXT, WireFrames.utf8("abc")));
        assertThat(text.isReusable()).isFalse();
        assertThatThrownBy(() -> text.rebind(new RecordingListener())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("only an idle assembler without extension can change listener: ")
                .hasMessageContaining("text 3 bytes");

        MessageAssembler binary = assembler(new RecordingListener());
        feed(binary, WireFrames.fromClient().frame(false, OpCode.OP_BINARY, new byte[5]));
        assertThat(binary.toString()).contains("binary 5 bytes");
    }

    @Test
    void aFailedOrClosedAssemblerIsNeverLentAgain() throws Exception {
        MessageAssembler failed = assembler(new RecordingListener());
        assertThatThrownBy(() -> feed(failed, WireFrames.fromClient().frame(true, FrameHeader.RSV2, OpCode.OP_TEXT,
                WireFrames.utf8("x")))).isInstanceOf(ProtocolErrorException.class);
        assertThat(failed.isReusable()).isFalse();
        assertThat(failed.toString()).contains("[failed");

        MessageAssembler closed = assembler(new RecordingListener());
        closed.close();
        assertThat(closed.isReusable()).isFalse();
        assertThatThrownBy(() -> closed.rebind(new RecordingListener())).hasMessageContaining("[closed");
        assertThat(assembler(new RecordingListener()).toString()).contains("[between messages");
    }
}
