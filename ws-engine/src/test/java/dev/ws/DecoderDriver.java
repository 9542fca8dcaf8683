package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Test support: feeds a byte stream to a {@link FrameDecoder} in chunks and records the frames it
 * reports, checking the event grammar of the decoder's Javadoc on the way:
 * {@code frame := HEADER PAYLOAD* FRAME_END}, chunks that are exactly the consumed input, chunk
 * offsets that add up, and NEED_MORE only once the input is used up.
 */
final class DecoderDriver {

    /** How each chunk is handed to the decoder. */
    enum Input {
        HEAP, DIRECT, DIRECT_LITTLE_ENDIAN, HEAP_SLICE;

        ByteBuffer wrap(byte[] stream, int from, int to) {
            int n = to - from;
            return switch (this) {
                case HEAP -> {
                    byte[] big = new byte[n + 6];
                    System.arraycopy(stream, from, big, 3, n);
                    yield ByteBuffer.wrap(big, 3, n); // position 3: indexes are absolute
                }
                case DIRECT -> ByteBuffer.allocateDirect(n).put(stream, from, n).flip();
                case DIRECT_LITTLE_ENDIAN -> ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN)
                        .put(stream, from, n).flip();
                case HEAP_SLICE -> {
                    byte[] big = new byte[n + 7];
                    System.arraycopy(stream, from, big, 5, n);
                    yield ByteBuffer.wrap(big, 5, n).slice(); // arrayOffset 5, position 0
                }
            };
        }
    }

    private DecoderDriver() {
    }

    /** Decodes the whole stream, cut at the given sorted positions. */
    static List<DecodedFrame> decode(FrameDecoder decoder, byte[] stream, int[] cuts, Input input)
            throws WebSocketException {
        Recorder r = new Recorder(decoder);
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            r.feed(input.wrap(stream, from, to));
            from = to;
        }
        assertThat(decoder.isIdle()).as("decoder idle at end of stream: %s", decoder).isTrue();
        return r.frames;
    }

    static List<DecodedFrame> decodeWhole(FrameDecoder decoder, byte[] stream) throws WebSocketException {
        return decode(decoder, stream, new int[0], Input.HEAP);
    }

    /** Sorted random cut positions: chunks of 1 to {@code maxChunk} bytes. */
    static int[] randomCuts(Random random, int length, int maxChunk) {
        List<Integer> cuts = new ArrayList<>();
        for (int at = 1 + random.nextInt(maxChunk); at < length; at += 1 + random.nextInt(maxChunk)) {
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every position from 1 to length - 1: one byte at a time. */
    static int[] everyByte(int length) {
        int[] cuts = new int[Math.max(0, length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    /** Collects frames from chunk after chunk, asserting the grammar. */
    static final class Recorder {
        final FrameDecoder decoder;
        final List<DecodedFrame> frames = new ArrayList<>();
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private boolean inFrame;
        private long payloadSeen;

        Recorder(FrameDecoder decoder) {
            this.decoder = decoder;
        }

        void feed(ByteBuffer in) throws WebSocketException {
            while (true) {
                int before = in.position();
                int event = decoder.decode(in);
                switch (event) {
                    case FrameDecoder.NEED_MORE -> {
                        assertThat(in.hasRemaining()).as("NEED_MORE leaves no input behind").isFalse();
                        return;
                    }
                    case FrameDecoder.HEADER -> {
                        assertThat(inFrame).as("HEADER inside a frame").isFalse();
                        inFrame = true;
                        payloadSeen = 0;
                        payload.reset();
                    }
                    case FrameDecoder.PAYLOAD -> {
                        assertThat(inFrame).as("PAYLOAD outside a frame").isTrue();
                        assertThat(decoder.payloadStart()).isEqualTo(before);
                        assertThat(decoder.payloadEnd()).isEqualTo(in.position()).isGreaterThan(before);
                        assertThat(decoder.chunkOffset()).isEqualTo(payloadSeen);
                        int n = decoder.payloadEnd() - decoder.payloadStart();
                        payloadSeen += n;
                        assertThat(payloadSeen).isLessThanOrEqualTo(decoder.header().length());
                        assertThat(decoder.payloadRemaining()).isEqualTo(decoder.header().length() - payloadSeen);
                        byte[] chunk = new byte[n];
                        in.get(decoder.payloadStart(), chunk);
                        payload.writeBytes(chunk);
                    }
                    case FrameDecoder.FRAME_END -> {
                        assertThat(inFrame).as("FRAME_END outside a frame").isTrue();
                        assertThat(payloadSeen).isEqualTo(decoder.header().length());
                        assertThat(in.position()).isEqualTo(before);
                        frames.add(DecodedFrame.of(decoder.header(), payload.toByteArray()));
                        inFrame = false;
                    }
                    default -> throw new AssertionError("unknown event " + event);
                }
            }
        }
    }

    /**
     * Decodes {@code chunks} in order and checks each event against {@code expected} as it comes,
     * without copying payloads: the fast form for cutting long streams at every byte boundary.
     */
    static void verify(FrameDecoder decoder, List<DecodedFrame> expected, ByteBuffer... chunks)
            throws WebSocketException {
        int frame = 0;
        long seen = 0;
        boolean inFrame = false;
        for (ByteBuffer in : chunks) {
            for (int event = decoder.decode(in); event != FrameDecoder.NEED_MORE; event = decoder.decode(in)) {
                switch (event) {
                    case FrameDecoder.HEADER -> {
                        check(!inFrame && frame < expected.size(), "unexpected HEADER", frame);
                        DecodedFrame want = expected.get(frame);
                        FrameHeader h = decoder.header();
                        check(h.fin() == want.fin() && h.rsv() == want.rsv() && h.opcode() == want.opcode()
                                && h.masked() == want.masked() && h.maskKey() == want.maskKey()
                                && h.length() == want.length(), "header " + h + " differs from " + want, frame);
                        inFrame = true;
                        seen = 0;
                    }
                    case FrameDecoder.PAYLOAD -> {
                        check(inFrame, "PAYLOAD outside a frame", frame);
                        int start = decoder.payloadStart();
                        int end = decoder.payloadEnd();
                        check(decoder.chunkOffset() == seen && end == in.position() && end > start,
                                "chunk bounds", frame);
                        byte[] want = expected.get(frame).payload();
                        int from = (int) seen;
                        int mismatch = in.hasArray()
                                ? Arrays.mismatch(in.array(), in.arrayOffset() + start, in.arrayOffset() + end,
                                        want, from, from + end - start)
                                : in.slice(start, end - start).mismatch(ByteBuffer.wrap(want, from, end - start));
                        check(mismatch < 0, "payload byte " + (from + mismatch) + " differs", frame);
                        seen += end - start;
                    }
                    case FrameDecoder.FRAME_END -> {
                        check(inFrame && seen == expected.get(frame).length(), "FRAME_END early", frame);
                        inFrame = false;
                        frame++;
                    }
                    default -> throw new AssertionError("unknown event " + event);
                }
            }
            check(!in.hasRemaining(), "NEED_MORE with input left", frame);
        }
        check(frame == expected.size() && decoder.isIdle(), "stream ended after " + frame + " frames", frame);
    }

    private static void check(boolean ok, String what, int frame) {
        if (!ok) {
            throw new AssertionError(what + " (frame " + frame + ")");
        }
    }
}
