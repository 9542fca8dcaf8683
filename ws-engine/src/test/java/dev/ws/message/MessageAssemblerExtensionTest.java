package dev.ws.message;

import static dev.ws.OpCode.OP_BINARY;
import static dev.ws.OpCode.OP_CONTINUATION;
import static dev.ws.OpCode.OP_PING;
import static dev.ws.OpCode.OP_TEXT;
import static dev.ws.message.WireFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.FrameHeader;
import dev.ws.MessageTooBigException;
import dev.ws.Side;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link InboundExtension} hook, exercised with fake extensions that upper-case or duplicate bytes. */
class MessageAssemblerExtensionTest {

    private static final int RSV1 = FrameHeader.RSV1;

    /** Upper-cases ASCII letters of RSV1 messages, handing the output over one byte at a time. */
    static final class UpperCasing implements InboundExtension {
        final List<String> calls = new ArrayList<>();
        int closed;

        @Override
        public int rsvBits() {
            return RSV1;
        }

        @Override
        public boolean startMessage(FrameHeader first) {
            calls.add("start rsv=" + first.rsv());
            return first.rsv1();
        }

        @Override
        public void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out) throws WebSocketException {
            calls.add("transform " + chunk.remaining() + (last ? " last" : "") + " max=" + maxOutput);
            byte[] one = new byte[1];
            while (chunk.hasRemaining()) {
                byte b = chunk.get();
                one[0] = b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
                out.accept(ByteBuffer.wrap(one));
            }
        }

        @Override
        public void close() {
            closed++;
        }
    }

    /** Emits every byte twice, honouring maxOutput (or not, to test the assembler's own guard). */
    static final class Duplicating implements InboundExtension {
        private final boolean honoursLimit;

        Duplicating(boolean honoursLimit) {
            this.honoursLimit = honoursLimit;
        }

        @Override
        public int rsvBits() {
            return RSV1;
        }

        @Override
        public boolean startMessage(FrameHeader first) {
            return first.rsv1();
        }

        @Override
        public void transform(ByteBuffer chunk, boolean last, long maxOutput, Sink out) throws WebSocketException {
            byte[] doubled = new byte[chunk.remaining() * 2];
            for (int i = 0; chunk.hasRemaining(); i += 2) {
                doubled[i] = doubled[i + 1] = chunk.get();
            }
            if (honoursLimit && doubled.length > maxOutput) {
                throw new MessageTooBigException("duplicated output " + doubled.length + " exceeds " + maxOutput);
            }
            out.accept(ByteBuffer.wrap(doubled));
        }

        @Override
        public void close() {
        }
    }

    private static Feeder feeder(InboundExtension extension, long maxMessage) {
        return new Feeder(Side.SERVER, 1000, maxMessage).setup(a -> a.extension(extension));
    }

    @Test
    void transformsMessagesWhoseFirstFrameCarriesTheExtensionBit() {
        UpperCasing ext = new UpperCasing();
        byte[] wire = WireFrames.fromClient().frame(false, RSV1, OP_TEXT, utf8("hel"))
                .frame(true, OP_PING, utf8("p"))
                .frame(true, 0, OP_CONTINUATION, utf8("lo")).text("plain").bytes();
        assertThat(feeder(ext, 1000).whole(wire)).containsExactly("ping:70", "text:HELLO", "text:plain");
        assertThat(ext.calls).containsExactly("start rsv=4", "transform 3 max=1000", "transform 2 last max=997",
                "start rsv=0");
        assertThat(ext.closed).isEqualTo(1);
    }

    @Test
    void endsATransformedMessageWithAnEmptyLastChunkWhenTheFinalFrameIsEmpty() {
        UpperCasing ext = new UpperCasing();
        byte[] wire = WireFrames.fromClient().frame(false, RSV1, OP_BINARY, utf8("ab"))
                .frame(true, 0, OP_CONTINUATION, new byte[0]).bytes();
        assertThat(feeder(ext, 1000).whole(wire)).containsExactly("binary:4142");
        assertThat(ext.calls).containsExactly("start rsv=4", "transform 2 max=1000", "transform 0 last max=998");
    }

    @Test
    void givesTheSameResultAtEverySplit() {
        byte[] wire = WireFrames.fromClient().frame(false, RSV1, OP_TEXT, utf8("abc"))
                .frame(true, OP_PING, utf8("x")).frame(true, 0, OP_CONTINUATION, utf8("def"))
                .frame(true, RSV1, OP_BINARY, new byte[0]).bytes();
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(feeder(new UpperCasing(), 1000).split(wire, cut)).containsExactly("ping:78", "text:ABCDEF", "binary:");
        }
        assertThat(feeder(new UpperCasing(), 1000).bytewise(wire)).containsExactly("ping:78", "text:ABCDEF", "binary:");
    }

    @Test
    void passesTheRemainingMessageBudgetAsMaxOutput() {
        byte[] wire = WireFrames.fromClient().frame(false, RSV1, OP_BINARY, new byte[3])
                .frame(true, 0, OP_CONTINUATION, new byte[3]).bytes();
        assertThat(feeder(new Duplicating(true), 12).whole(wire)).containsExactly("binary:" + "00".repeat(12));
        assertThat(feeder(new Duplicating(true), 11).whole(wire)).containsExactly("error:1009");
    }

    @Test
    void enforcesTheLimitOnOutputWhenTheExtensionIgnoresMaxOutput() {
        byte[] wire = WireFrames.fromClient().frame(true, RSV1, OP_BINARY, new byte[6]).bytes();
        assertThat(feeder(new Duplicating(false), 12).whole(wire)).hasSize(1).first().asString().startsWith("binary:");
        assertThat(feeder(new Duplicating(false), 11).whole(wire)).containsExactly("error:1009");
    }

    @Test
    void validatesUtf8OnTheTransformedBytes() {
        // 0xC3 0xA9 ("é") duplicated becomes C3 C3 A9 A9: invalid.
        byte[] wire = WireFrames.fromClient().frame(true, RSV1, OP_TEXT, utf8("\u00e9")).bytes();
        assertThat(feeder(new Duplicating(true), 100).whole(wire)).containsExactly("error:1007");
        byte[] ascii = WireFrames.fromClient().frame(true, RSV1, OP_TEXT, utf8("ok")).bytes();
        assertThat(feeder(new Duplicating(true), 100).whole(ascii)).containsExactly("text:ookk");
    }

    @Test
    void rejectsTheExtensionBitOnContinuationAndControlFrames() {
        byte[] continuation = WireFrames.fromClient().frame(false, RSV1, OP_TEXT, utf8("a"))
                .frame(true, RSV1, OP_CONTINUATION, utf8("b")).bytes();
        assertThat(feeder(new UpperCasing(), 100).whole(continuation)).containsExactly("error:1002");
        byte[] ping = WireFrames.fromClient().frame(true, RSV1, OP_PING, new byte[0]).bytes();
        assertThat(feeder(new UpperCasing(), 100).whole(ping)).containsExactly("error:1002");
    }

    @Test
    void rejectsRsvBitsTheExtensionDidNotClaim() {
        byte[] rsv2 = WireFrames.fromClient().frame(true, FrameHeader.RSV2, OP_TEXT, utf8("a")).bytes();
        assertThat(feeder(new UpperCasing(), 100).whole(rsv2)).containsExactly("error:1002");
        byte[] rsv1 = WireFrames.fromClient().frame(true, RSV1, OP_TEXT, utf8("a")).bytes();
        assertThat(Feeder.server().whole(rsv1)).as("no extension installed").containsExactly("error:1002");
    }

    @Test
    void closesTheExtensionOnceWhenTheAssemblerCloses() {
        UpperCasing ext = new UpperCasing();
        MessageAssembler a = new MessageAssembler(Side.SERVER, 1000, 1000, new RecordingListener());
        a.extension(ext);
        a.close();
        a.close();
        assertThat(ext.closed).isEqualTo(1);
    }
}
