package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who owns which buffer: zero-copy views, the on-demand message buffer, and {@code isIdle}. */
class MessageAssemblerBuffersTest {

    private final RecordingListener listener = new RecordingListener();
    private final MessageAssembler assembler = new MessageAssembler(Side.SERVER, 1 << 20, 1 << 20, listener);

    @Test
    void handsAWholeFrameOverAsAViewOfTheInput() throws Exception {
        byte[] wire = WireFrames.fromClient().text("hello").binary(new byte[300]).ping("p").bytes();
        assembler.feed(ByteBuffer.wrap(wire));
        assertThat(listener.events).containsExactly("text:hello", "binary:" + "00".repeat(300), "ping:70");
        assertThat(listener.arrays).allSatisfy(array -> assertThat(array).isSameAs(wire));
        assertThat(assembler.bufferCapacity()).isZero();
        assertThat(assembler.isIdle()).isTrue();
    }

    @Test
    void copiesAFrameCutByTheEndOfTheInputAndDropsTheBufferWhenItCompletes() throws Exception {
        byte[] wire = WireFrames.fromClient().text("hello world").bytes();
        assembler.feed(ByteBuffer.wrap(wire, 0, 10));
        assertThat(assembler.isIdle()).isFalse();
        assertThat(assembler.bufferCapacity()).as("the exact message size, known from the final frame").isEqualTo(11);
        assembler.feed(ByteBuffer.wrap(wire, 10, wire.length - 10));
        assertThat(listener.events).containsExactly("text:hello world");
        assertThat(listener.arrays.get(0)).isNotSameAs(wire);
        assertThat(assembler.bufferCapacity()).isZero();
        assertThat(assembler.isIdle()).isTrue();
    }

    @Test
    void isNotIdleBetweenTheFragmentsOfAMessageEvenWhenTheyAreEmpty() throws Exception {
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().frame(false, OP_TEXT, new byte[0]).bytes()));
        assertThat(assembler.isIdle()).isFalse();
        assertThat(assembler.bufferCapacity()).isZero();
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().frame(false, OP_CONTINUATION, utf8("ab")).bytes()));
        assertThat(assembler.bufferCapacity()).isPositive();
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().ping("").bytes()));
        assertThat(assembler.isIdle()).isFalse();
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().frame(true, OP_CONTINUATION, utf8("c")).bytes()));
        assertThat(listener.events).containsExactly("ping:", "text:abc");
        assertThat(assembler.isIdle()).isTrue();
        assertThat(assembler.bufferCapacity()).isZero();
    }

    @Test
    void isNotIdleInsideAHeaderOrAControlFrame() throws Exception {
        byte[] ping = WireFrames.fromClient().ping("abc").bytes();
        assembler.feed(ByteBuffer.wrap(ping, 0, 1));
        assertThat(assembler.isIdle()).isFalse();
        assembler.feed(ByteBuffer.wrap(ping, 1, ping.length - 2));
        assertThat(assembler.isIdle()).isFalse();
        assembler.feed(ByteBuffer.wrap(ping, ping.length - 1, 1));
        assertThat(assembler.isIdle()).isTrue();
        assertThat(listener.events).containsExactly("ping:616263");
    }

    @Test
    void deliversAControlFrameCutInsideAFragmentedMessageAtOnce() throws Exception {
        byte[] wire = WireFrames.fromClient().frame(false, OP_BINARY, new byte[] {1}).ping("xyz")
                .frame(true, OP_CONTINUATION, new byte[] {2}).bytes();
        int pingEnd = 7 + 9;
        assembler.feed(ByteBuffer.wrap(wire, 0, pingEnd - 2));
        assertThat(listener.events).isEmpty();
        assembler.feed(ByteBuffer.wrap(wire, pingEnd - 2, 2));
        assertThat(listener.events).containsExactly("ping:78797a");
        assembler.feed(ByteBuffer.wrap(wire, pingEnd, wire.length - pingEnd));
        assertThat(listener.events).containsExactly("ping:78797a", "binary:0102");
    }

    @Test
    void restoresTheInputAfterAListenerMovedItsPositionAndLimit() throws Exception {
        List<String> seen = new ArrayList<>();
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1000, 1000, new Ignoring() {
            @Override
            public void onText(ByteBuffer utf8) {
                seen.add(StandardCharsets.UTF_8.decode(utf8).toString()); // consumes it
                utf8.limit(utf8.capacity()).position(0);
            }
        });
        ByteBuffer in = ByteBuffer.wrap(WireFrames.fromClient().text("one").text("two").text("three").bytes());
        a.feed(in);
        assertThat(seen).containsExactly("one", "two", "three");
        assertThat(in.position()).isEqualTo(in.limit());
    }

    @Test
    void isUnusableAfterAFailureAndHoldsNothing() throws Exception {
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().frame(false, OP_BINARY, new byte[10]).bytes()));
        assertThat(assembler.bufferCapacity()).isPositive();
        ByteBuffer bad = ByteBuffer.wrap(WireFrames.fromClient().text("new message inside a fragmented one").bytes());
        assertThatThrownBy(() -> assembler.feed(bad)).isInstanceOf(ProtocolErrorException.class);
        assertThat(assembler.bufferCapacity()).isZero();
        assertThat(assembler.isIdle()).isTrue();
        assertThatThrownBy(() -> assembler.feed(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isUnusableAfterTheListenerThrew() throws Exception {
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1000, 1000, new Ignoring() {
            @Override
            public void onBinary(ByteBuffer data) {
                throw new IllegalArgumentException("application bug");
            }
        });
        assertThatThrownBy(() -> a.feed(ByteBuffer.wrap(WireFrames.fromClient().binary(new byte[3]).bytes())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.feed(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopsWhenTheListenerClosesTheAssembler() throws Exception {
        MessageAssembler[] self = new MessageAssembler[1];
        List<String> seen = new ArrayList<>();
        self[0] = new MessageAssembler(Side.SERVER, 1000, 1000, new Ignoring() {
            @Override
            public void onText(ByteBuffer utf8) {
                seen.add(StandardCharsets.UTF_8.decode(utf8).toString());
                self[0].close(); // a handler closing its session
            }
        });
        ByteBuffer in = ByteBuffer.wrap(WireFrames.fromClient().text("one").text("two").bytes());
        self[0].feed(in);
        assertThat(seen).containsExactly("one");
        assertThat(in.hasRemaining()).isFalse();
        assertThat(self[0].isIdle()).isTrue();
    }

    @Test
    void readsDirectBuffers() throws Exception {
        byte[] wire = WireFrames.fromClient().text("direct").frame(false, OP_BINARY, new byte[] {5})
                .frame(true, OP_CONTINUATION, new byte[] {6}).bytes();
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        assembler.feed(direct);
        assertThat(listener.events).containsExactly("text:direct", "binary:0506");
    }

    @Test
    void printsItsState() throws Exception {
        assembler.feed(ByteBuffer.wrap(WireFrames.fromClient().frame(false, OP_TEXT, utf8("ab")).bytes()));
        assertThat(assembler.toString()).contains("text 2 bytes");
    }

    /** A listener that ignores everything. */
    private static class Ignoring implements MessageListener {
        @Override
        public void onText(ByteBuffer utf8) {
        }

        @Override
        public void onBinary(ByteBuffer data) {
        }

        @Override
        public void onPing(ByteBuffer payload) {
        }

        @Override
        public void onPong(ByteBuffer payload) {
        }

        @Override
        public void onClose(CloseStatus status) {
        }
    }
}
