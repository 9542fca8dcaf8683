package dev.ws.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.SplittableRandom;

/**
 * A ring of {@link #FRAMES} distinct, masked client frames of one size and opcode, encoded once into one direct
 * buffer, and the unmasked payload of each for checking echoes. Frame {@code i} has its own random non-zero mask key
 * and a payload that starts with {@code i} in two hex digits (so that a reordered or stale echo is caught), followed
 * by lowercase ASCII letters (valid UTF-8, so the same ring serves text and binary).
 *
 * <p>Sending frames {@code seq .. seq+n-1} writes one or two read-only slices of the ring, so a message costs the load
 * generator no encoding, masking or copying. Immutable after construction and safe to share between event loops: the
 * ring buffer is never released by a write.
 */
final class FrameRing {

    /** Number of distinct frames; larger than any in-flight window the scenarios use. */
    static final int FRAMES = 64;

    private final int size;
    private final int opcode;
    private final int frameLength;
    private final ByteBuf wire;
    private final ByteBuf[] payloads = new ByteBuf[FRAMES];

    /**
     * Encodes the ring.
     *
     * @param size payload size in bytes, at least 2
     * @param opcode {@link WsConnection#OP_TEXT} or {@link WsConnection#OP_BINARY}
     * @param seed seed of the mask keys
     */
    private final ByteBuf ring;

    FrameRing(int size, int opcode, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("payload size " + size + " < 2");
        }
        this.size = size;
        this.opcode = opcode;
        int headerLength = 2 + (size < 126 ? 0 : size < 65536 ? 2 : 8) + 4;
        this.frameLength = headerLength + size;
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuf ring = Unpooled.directBuffer(frameLength * FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = payload(i, size);
            payloads[i] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(payload).asReadOnly());
            int mask;
            do {
                mask = random.nextInt();
            } while (mask == 0);
            ring.writeByte(0x80 | opcode);
            if (size < 126) {
                ring.writeByte(0x80 | size);
            } else if (size < 65536) {
                ring.writeByte(0x80 | 126).writeShort(size);
            } else {
                ring.writeByte(0x80 | 127).writeLong(size);
            }
            ring.writeInt(mask);
            for (int j = 0; j < size; j++) {
                ring.writeByte(payload[j] ^ (mask >>> (24 - 8 * (j & 3))));
            }
        }
        this.ring = ring;
        this.wire = Unpooled.unreleasableBuffer(ring);
    }

    /** Frees the ring's direct memory; call once every connection using it is closed. */
    void release() {
        ring.release();
    }

    static byte[] payload(int index, int size) {
        byte[] payload = new byte[size];
        String hex = "0123456789abcdef";
        payload[0] = (byte) hex.charAt((index >>> 4) & 15);
        payload[1] = (byte) hex.charAt(index & 15);
        for (int j = 2; j < size; j++) {
            payload[j] = (byte) ('a' + (index + j) % 26);
        }
        return payload;
    }

    int size() {
        return size;
    }

    int opcode() {
        return opcode;
    }

    /** {@return the unmasked payload of frame {@code seq mod FRAMES}, read-only, never to be released} */
    ByteBuf payload(long seq) {
        return payloads[(int) (seq % FRAMES)];
    }

    /**
     * Writes (without flushing) frames {@code seq .. seq+count-1} of the ring. Call on the channel's event loop.
     *
     * @param channel where to write
     * @param seq sequence number of the first frame
     * @param count how many frames, at most {@link #FRAMES}
     */
    void write(Channel channel, long seq, int count) {
        assert count > 0 && count <= FRAMES;
        int first = (int) (seq % FRAMES);
        int run = Math.min(count, FRAMES - first);
        channel.write(wire.retainedSlice(first * frameLength, run * frameLength), channel.voidPromise());
        if (run < count) {
            channel.write(wire.retainedSlice(0, (count - run) * frameLength), channel.voidPromise());
        }
    }
}
