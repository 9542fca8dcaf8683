package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The zero-copy path allocates nothing per message: whole frames (text, binary, ping) that lie in
 * the input reach the listener as views of it. Measured with the thread's allocation counter, not
 * with time.
 */
class MessageAssemblerAllocationTest {

    @Test
    void allocatesNothingPerMessageOnTheZeroCopyPath() throws Exception {
        WireFrames frames = WireFrames.fromClient();
        for (int i = 0; i < 100; i++) {
            frames.text("h\u00e9llo, world " + i % 10).binary(new byte[200]).ping("p");
        }
        byte[] wire = frames.bytes();
        byte[] work = new byte[wire.length];
        long[] sink = new long[1];
        MessageAssembler assembler = new MessageAssembler(Side.SERVER, 1 << 20, 1 << 20, new MessageListener() {
            @Override
            public void onText(ByteBuffer utf8) {
                sink[0] += utf8.remaining();
            }

            @Override
            public void onBinary(ByteBuffer data) {
                sink[0] += data.remaining();
            }

            @Override
            public void onPing(ByteBuffer payload) {
                sink[0] += payload.remaining();
            }

            @Override
            public void onPong(ByteBuffer payload) {
            }

            @Override
            public void onClose(CloseStatus status) {
            }
        });
        ByteBuffer in = ByteBuffer.wrap(work);
        int rounds = 2_000; // 600,000 messages and pings
        for (int warm = 0; warm < rounds; warm++) {
            feed(assembler, wire, work, in);
        }
        long before = ThreadAllocation.bytes();
        for (int r = 0; r < rounds; r++) {
            feed(assembler, wire, work, in);
        }
        long allocated = ThreadAllocation.bytes() - before;
        double perMessage = (double) allocated / (rounds * 300);
        System.out.printf("MessageAssembler zero-copy path: %.4f bytes allocated per message (%d in total)%n",
                perMessage, allocated);
        assertThat(perMessage).isLessThan(1.0);
        assertThat(sink[0]).isPositive();
    }

    private static void feed(MessageAssembler assembler, byte[] wire, byte[] work, ByteBuffer in) throws Exception {
        System.arraycopy(wire, 0, work, 0, wire.length); // unmasking works in place: start from the wire bytes
        in.clear();
        assembler.feed(in);
    }
}
