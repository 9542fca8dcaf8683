package dev.ws.message;

import dev.ws.Side;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds wire bytes to a fresh {@link MessageAssembler} in chosen chunks and returns the listener
 * calls, ending with "error:CODE" when it failed. Each chunk goes through one reused read buffer
 * that is overwritten with garbage after every feed, so a kept reference to it shows up as
 * corrupted output.
 */
final class Feeder {

    private final Side side;
    private final long maxFrame;
    private final long maxMessage;
    private Consumer<MessageAssembler> setup = a -> { };

    Feeder(Side side, long maxFrame, long maxMessage) {
        this.side = side;
        this.maxFrame = maxFrame;
        this.maxMessage = maxMessage;
    }

    static Feeder server() {
        return new Feeder(Side.SERVER, 1 << 20, 1 << 20);
    }

    Feeder setup(Consumer<MessageAssembler> setup) {
        this.setup = setup;
        return this;
    }

    /** Feeds everything at once. */
    List<String> whole(byte[] wire) {
        return chunks(wire, new int[] {wire.length});
    }

    /** Feeds the bytes before {@code cut}, then the rest. */
    List<String> split(byte[] wire, int cut) {
        return chunks(wire, new int[] {cut, wire.length - cut});
    }

    /** Feeds chunks of random sizes (1 to maxChunk bytes, and empty ones now and then). */
    List<String> random(byte[] wire, long seed, int maxChunk) {
        Random random = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int left = wire.length; left > 0; ) {
            int n = random.nextInt(8) == 0 ? 0 : Math.min(left, 1 + random.nextInt(maxChunk));
            sizes.add(n);
            left -= n;
        }
        return chunks(wire, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Feeds one byte at a time. */
    List<String> bytewise(byte[] wire) {
        int[] sizes = new int[wire.length];
        Arrays.fill(sizes, 1);
        return chunks(wire, sizes);
    }

    List<String> chunks(byte[] wire, int[] sizes) {
        RecordingListener listener = new RecordingListener();
        MessageAssembler assembler = new MessageAssembler(side, maxFrame, maxMessage, listener);
        setup.accept(assembler);
        byte[] readBuffer = new byte[wire.length + 16];
        int at = 0;
        try {
            for (int n : sizes) {
                int offset = 3; // not at index 0, to catch absolute/relative index mix-ups
                System.arraycopy(wire, at, readBuffer, offset, n);
                ByteBuffer in = ByteBuffer.wrap(readBuffer, offset, n);
                assembler.feed(in);
                assert !in.hasRemaining() : "feed must consume all of its input";
                Arrays.fill(readBuffer, (byte) 0xEE);
                at += n;
            }
        } catch (WebSocketException e) {
            listener.events.add("error:" + e.closeCode());
        }
        assembler.close();
        return listener.events;
    }
}
