package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.MessageTooBigException;
import dev.ws.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Frame and message limits fail with 1009 as soon as they are known to be exceeded, before copying. */
class MessageAssemblerLimitsTest {

    private static final int LIMIT = 64 * 1024;

    /** A masked binary header declaring 2^62 payload bytes, and no payload. */
    private static byte[] declared2Pow62() {
        return WireFrames.fromClient().raw(0x82, 0xFF, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4).bytes();
    }

    @Test
    void closesWith1009WhenAFrameDeclares2Pow62BytesOverTheFrameLimit() {
        RecordingListener listener = new RecordingListener();
        MessageAssembler a = new MessageAssembler(Side.SERVER, LIMIT, LIMIT, listener);
        assertThatThrownBy(() -> a.feed(ByteBuffer.wrap(declared2Pow62())))
                .isInstanceOf(MessageTooBigException.class).hasMessageContaining("4611686018427387904");
        assertThat(a.bufferCapacity()).isZero();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void closesWith1009WhenAFrameDeclares2Pow62BytesOverTheMessageLimit() {
        MessageAssembler a = new MessageAssembler(Side.SERVER, Long.MAX_VALUE, LIMIT, new RecordingListener());
        assertThatThrownBy(() -> a.feed(ByteBuffer.wrap(declared2Pow62())))
                .isInstanceOf(MessageTooBigException.class).hasMessageContaining("exceeds the limit of 65536");
        assertThat(a.bufferCapacity()).isZero();
    }

    @Test
    void closesWith1009WhenOneByteFragmentsExceedTheMessageLimit() throws Exception {
        MessageAssembler a = new MessageAssembler(Side.SERVER, LIMIT, LIMIT, new RecordingListener());
        int maxCapacity = 0;
        int fed = 0;
        MessageTooBigException failure = null;
        for (int i = 0; i < 100_000 && failure == null; i++) {
            byte[] frame = WireFrames.fromClient().frame(false, i == 0 ? OP_BINARY : OP_CONTINUATION, new byte[] {7}).bytes();
            try {
                a.feed(ByteBuffer.wrap(frame));
                fed++;
            } catch (MessageTooBigException e) {
                failure = e;
            }
            maxCapacity = Math.max(maxCapacity, a.bufferCapacity());
        }
        assertThat(failure).isNotNull();
        assertThat(failure.closeCode()).isEqualTo(1009);
        assertThat(fed).isEqualTo(LIMIT);
        assertThat(maxCapacity).isLessThanOrEqualTo(LIMIT);
        assertThat(a.bufferCapacity()).as("released after the failure").isZero();
    }

    @Test
    void acceptsAMessageOfExactlyTheLimitAndRejectsOneByteMore() {
        Feeder feeder = new Feeder(Side.SERVER, LIMIT, 300);
        byte[] exact = WireFrames.fromClient().frame(false, OP_BINARY, new byte[200])
                .frame(true, OP_CONTINUATION, new byte[100]).bytes();
        assertThat(feeder.whole(exact)).containsExactly("binary:" + "00".repeat(300));
        assertThat(feeder.whole(WireFrames.fromClient().binary(new byte[300]).bytes())).hasSize(1);

        byte[] over = WireFrames.fromClient().frame(false, OP_BINARY, new byte[200])
                .frame(true, OP_CONTINUATION, new byte[101]).bytes();
        assertThat(feeder.whole(over)).containsExactly("error:1009");
        assertThat(feeder.whole(WireFrames.fromClient().binary(new byte[301]).bytes())).containsExactly("error:1009");
    }

    @Test
    void rejectsTheOversizedFrameOnItsHeaderBeforeAnyPayloadArrives() {
        MessageAssembler a = new MessageAssembler(Side.SERVER, LIMIT, 300, new RecordingListener());
        byte[] wire = WireFrames.fromClient().binary(new byte[301]).bytes();
        int headerSize = 2 + 2 + 4;
        assertThatThrownBy(() -> a.feed(ByteBuffer.wrap(wire, 0, headerSize))).isInstanceOf(MessageTooBigException.class);
        assertThat(a.bufferCapacity()).isZero();
    }

    @Test
    void appliesTheFrameLimitToEachFrame() {
        Feeder feeder = new Feeder(Side.SERVER, 200, 1000);
        byte[] wire = WireFrames.fromClient().frame(false, OP_BINARY, new byte[200])
                .frame(false, OP_CONTINUATION, new byte[200]).frame(true, OP_CONTINUATION, new byte[201]).bytes();
        assertThat(feeder.whole(wire)).containsExactly("error:1009");
    }

    @Test
    void growsTheBufferWithTheBytesReceivedNotWithTheDeclaredLength() throws Exception {
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1 << 24, 1 << 24, new RecordingListener());
        byte[] wire = WireFrames.fromClient().binary(new byte[1 << 24]).bytes();
        a.feed(ByteBuffer.wrap(wire, 0, 14 + 100)); // header + 100 bytes of a 16 MiB frame
        assertThat(a.bufferCapacity()).isLessThanOrEqualTo(1024);
        a.feed(ByteBuffer.wrap(wire, 114, 5000));
        assertThat(a.bufferCapacity()).isLessThanOrEqualTo(2 * 5100);
        a.feed(ByteBuffer.wrap(wire, 5114, wire.length - 5114 - 1));
        assertThat(a.bufferCapacity()).as("never more than the whole message").isEqualTo(1 << 24);
        a.feed(ByteBuffer.wrap(wire, wire.length - 1, 1));
        assertThat(a.bufferCapacity()).isZero();
    }

    @Test
    void rejectsLimitsItCannotHonour() {
        assertThatThrownBy(() -> new MessageAssembler(Side.SERVER, 1000, -1, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageAssembler(Side.SERVER, 1000, Integer.MAX_VALUE, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageAssembler(Side.SERVER, 100, 1000, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
