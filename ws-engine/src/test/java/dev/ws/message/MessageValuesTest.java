package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import dev.ws.WebSocketException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The message layer's values and the blocking reader's small promises: {@link MessageLimits}
 * refuses a frame limit below 125 and a negative message limit, {@link Message} compares kind and
 * bytes, a message stream's {@code available()} never counts past its frame or after its message,
 * and a failing {@code onError} does not hide the protocol error.
 */
class MessageValuesTest {

    @Test
    void limitsRefuseAFrameLimitBelow125AndANegativeMessageLimit() {
        assertThatThrownBy(() -> new MessageLimits(124, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFramePayload 124 must be at least 125");
        assertThatThrownBy(() -> new MessageLimits(125, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMessageSize -1 must not be negative");
        assertThat(MessageLimits.of(10)).as("any control frame still fits").isEqualTo(new MessageLimits(125, 10));
        assertThat(MessageLimits.of(0).maxMessageSize()).isZero();
        assertThat(MessageLimits.DEFAULT).isEqualTo(new MessageLimits(1 << 20, 1 << 20));
    }

    @Test
    void messagesAreEqualByKindAndBytes() {
        Message text = Message.text("hi");
        assertThat(text).isEqualTo(new Message(OpCode.TEXT, new byte[] {'h', 'i'}));
        assertThat(text.hashCode()).isEqualTo(new Message(OpCode.TEXT, new byte[] {'h', 'i'}).hashCode());
        assertThat(text).isNotEqualTo(Message.binary(new byte[] {'h', 'i'}));
        assertThat(text).isNotEqualTo(Message.text("ho"));
        assertThat(text).isNotEqualTo("hi");
        assertThat(text.text()).isEqualTo("hi");
        assertThat(Message.binary(new byte[3]).toString()).isEqualTo("Message[BINARY, 3 bytes]");
        assertThatThrownBy(() -> new Message(null, new byte[0])).isInstanceOf(NullPointerException.class)
                .hasMessage("opCode");
    }

    @Test
    void availableNeverCountsPastTheFrameOrAfterTheMessage() throws IOException {
        byte[] wire = WireFrames.fromClient().frame(false, OpCode.OP_BINARY, new byte[] {1, 2, 3})
                .frame(true, OpCode.OP_CONTINUATION, new byte[] {4}).text("next").bytes();
        MessageReader r = new MessageReader(new ByteArrayInputStream(wire), Side.SERVER, MessageLimits.DEFAULT,
                new RecordingControlHandler(FrameWriter.server(new java.io.ByteArrayOutputStream())));
        MessageInputStream first = r.nextMessage();
        assertThat(first.available()).as("the first frame's 3 bytes, not the next frames'").isEqualTo(3);
        assertThat(first.read()).isEqualTo(1);
        assertThat(first.available()).isEqualTo(2);
        MessageInputStream second = r.nextMessage(); // skips the rest of the first
        assertThat(first.available()).as("a finished message").isZero();
        assertThat(first.read()).isEqualTo(-1);
        assertThat(second.opCode()).isEqualTo(OpCode.TEXT);
        assertThat(second.readAllBytes()).isEqualTo("next".getBytes());
    }

    @Test
    void aFailingOnErrorIsSuppressedUnderTheProtocolError() {
        ControlHandler failing = new ControlHandler() {
            @Override
            public void onPing(ByteBuffer payload) {
            }

            @Override
            public void onPong(ByteBuffer payload) {
            }

            @Override
            public void onClose(CloseStatus status) {
            }

            @Override
            public void onError(WebSocketException error) throws IOException {
                throw new IOException("cannot send the close frame");
            }
        };
        byte[] wire = WireFrames.fromClient().frame(true, OpCode.OP_CONTINUATION, new byte[] {1}).bytes();
        MessageReader r = new MessageReader(new ByteArrayInputStream(wire), Side.SERVER, MessageLimits.DEFAULT, failing);
        assertThatThrownBy(r::nextMessage).isInstanceOf(ProtocolErrorException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("cannot send the close frame")));
        assertThatThrownBy(r::nextMessage).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
    }
}
