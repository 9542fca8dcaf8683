package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round-trip properties of the frame codec (RFC 6455 §5.2): any header written by either static
 * {@code writeHeader} parses back to itself and matches a plainly written twin; any valid stream of
 * frames encoded three ways (static header + payload, the resumable {@link FrameEncoder} into small
 * output buffers, {@link Frame#compile}) gives the same bytes, and decodes to the same headers and
 * payloads. A client-side encoder masks and leaves the caller's payload untouched.
 *
 * <p>Tries come from jqwik's default ({@code -Djqwik.tries.default=N} raises them for long runs).
 */
class FrameRoundTripProperties {

    /** One frame to send: the unmasked payload. */
    record Spec(boolean fin, int rsv, int opcode, byte[] payload) {
        @Override
        public String toString() {
            return "Spec[op=" + opcode + (fin ? " fin" : "") + " rsv=" + rsv + " length=" + payload.length + "]";
        }
    }

    /** Keys handed out in order, so every encoder of a stream masks alike. */
    static final class Keys implements MaskGenerator {
        private final Random random;

        Keys(long seed) {
            random = new Random(seed);
        }

        @Override
        public int nextMask() {
            return random.nextInt();
        }
    }

    @Property
    void headerWrittenByEitherFormParsesBackAndMatchesThePlainTwin(
            @ForAll boolean fin, @ForAll @IntRange(max = 7) int rsv, @ForAll @IntRange(max = 15) int opcode,
            @ForAll("lengths") long length, @ForAll boolean masked, @ForAll int key,
            @ForAll @IntRange(max = 9) int at, @ForAll boolean direct, @ForAll boolean littleEndian) throws IOException {
        FrameHeader h = new FrameHeader().set(fin, rsv, opcode, length);
        if (masked) {
            h.mask(key);
        }
        byte[] twin = WireFrames.header(fin, rsv, opcode, masked, key, length);
        assertThat(h.encodedSize()).isEqualTo(twin.length);

        byte[] array = new byte[at + FrameHeader.MAX_HEADER_SIZE];
        assertThat(FrameEncoder.writeHeader(h, array, at)).isEqualTo(twin.length);
        assertThat(java.util.Arrays.copyOfRange(array, at, at + twin.length)).isEqualTo(twin);

        ByteBuffer buf = (direct ? ByteBuffer.allocateDirect(30) : ByteBuffer.allocate(30))
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).position(at);
        assertThat(FrameEncoder.writeHeader(h, buf)).isEqualTo(twin.length);
        assertThat(buf.position()).isEqualTo(at + twin.length);
        byte[] written = new byte[twin.length];
        buf.get(at, written);
        assertThat(written).isEqualTo(twin);

        assertThat(HeaderParser.size(twin[1])).isEqualTo(twin.length);
        FrameHeader parsed = new FrameHeader();
        HeaderParser.parse(twin, 0, parsed);
        assertSameHeader(parsed, h);
        FrameHeader read = new FrameHeader();
        assertThat(FrameIO.readHeader(new ByteArrayInputStream(twin), new byte[FrameHeader.MAX_HEADER_SIZE], read)).isTrue();
        assertSameHeader(read, h);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameIO.writeHeader(out, h, new byte[FrameHeader.MAX_HEADER_SIZE]);
        assertThat(out.toByteArray()).isEqualTo(twin);
    }

    @Property
    void framesEncodedEveryWayGiveTheSameBytesAndDecodeToThemselves(
            @ForAll("streams") List<Spec> stream, @ForAll Side sender, @ForAll long keySeed,
            @ForAll @IntRange(min = 1, max = 17) int outputSize, @ForAll boolean directOutput) throws IOException {
        boolean masked = sender.masksOutput();
        // the plain twin, with the keys the encoders will draw
        Keys keys = new Keys(keySeed);
        List<DecodedFrame> expected = new ArrayList<>();
        ByteArrayOutputStream twin = new ByteArrayOutputStream();
        for (Spec s : stream) {
            int key = masked ? keys.nextMask() : 0;
            expected.add(new DecodedFrame(s.fin(), s.rsv(), s.opcode(), masked, key, s.payload().length, s.payload()));
            twin.writeBytes(WireFrames.frame(s.fin(), s.rsv(), s.opcode(), masked, key, s.payload()));
        }
        byte[] wire = twin.toByteArray();

        assertThat(encodeWithStaticHeader(stream, sender, new Keys(keySeed))).isEqualTo(wire);
        assertThat(encodeResumably(stream, sender, new Keys(keySeed), outputSize, directOutput)).isEqualTo(wire);
        assertThat(compileEach(stream, sender, new Keys(keySeed))).isEqualTo(wire);
        assertThat(writeEachFrame(stream, sender, new Keys(keySeed))).isEqualTo(wire);

        Side receiver = sender == Side.CLIENT ? Side.SERVER : Side.CLIENT;
        FrameDecoder decoder = new FrameDecoder(receiver, 1 << 20);
        decoder.allowedRsv(7);
        assertThat(DecoderDriver.decodeWhole(decoder, wire)).containsExactlyElementsOf(expected);
        assertThat(readEachFrame(wire, receiver, stream.size())).containsExactlyElementsOf(stream.stream()
                .map(s -> new DecodedFrame(s.fin(), s.rsv(), s.opcode(), false, 0, s.payload().length, s.payload()))
                .toList());
    }

    @Property
    void clientEncoderMasksAndNeverMutatesTheCallersPayload(
            @ForAll("payloadLengths") int length, @ForAll @IntRange(max = 5) int position, @ForAll int payloadKind,
            @ForAll int key, @ForAll @IntRange(min = 1, max = 4000) int outputSize) {
        byte[] original = WireFrames.payload(position + length + 3, key);
        ByteBuffer payload = switch (Math.floorMod(payloadKind, 3)) {
            case 0 -> ByteBuffer.wrap(original.clone());
            case 1 -> ByteBuffer.allocateDirect(original.length).put(original).clear();
            default -> ByteBuffer.wrap(original.clone()).asReadOnlyBuffer();
        };
        payload.position(position).limit(position + length);
        FrameEncoder encoder = new FrameEncoder(Side.CLIENT, () -> key);
        encoder.begin(OpCode.OP_BINARY, true, 0, payload);
        assertThat(encoder.isActive()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(outputSize);
        boolean done;
        do {
            dst.clear();
            done = encoder.encode(dst);
            out.write(dst.array(), 0, dst.position());
        } while (!done);
        assertThat(encoder.isActive()).isFalse();
        assertThat(encoder.encode(dst.clear())).isTrue(); // nothing left: writes nothing
        assertThat(dst.position()).isZero();

        byte[] body = java.util.Arrays.copyOfRange(original, position, position + length);
        assertThat(out.toByteArray()).isEqualTo(WireFrames.frame(true, 0, OpCode.OP_BINARY, true, key, body));
        assertThat(encoder.header().masked()).isTrue();
        assertThat(encoder.header().maskKey()).isEqualTo(key);
        assertThat(payload.position()).isEqualTo(position);
        assertThat(payload.limit()).isEqualTo(position + length);
        byte[] after = new byte[original.length];
        payload.duplicate().clear().get(0, after);
        assertThat(after).as("caller's payload untouched").isEqualTo(original);

        Frame frame = new Frame(true, 0, OpCode.BINARY, payload);
        assertThat(frame.compile(Side.CLIENT, () -> key)).isEqualTo(out.toByteArray());
        payload.duplicate().clear().get(0, after);
        assertThat(after).isEqualTo(original);
        assertThat(payload.position()).isEqualTo(position);
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 125L, 126L, 127L, 65535L, 65536L, (1L << 32) - 1, 1L << 32, 1L << 62, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 70_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Integer> payloadLengths() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 7, 8, 9, 125, 126, 65535, 65536),
                Arbitraries.integers().between(0, 300));
    }

    /** Valid streams: data messages in 1–4 fragments, control frames between any two frames. */
    @Provide
    Arbitrary<List<Spec>> streams() {
        Arbitrary<Integer> dataLength = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(65535, 65536, 70_000)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(0, 1, 125, 126, 127)),
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0, 400)));
        Arbitrary<Spec> control = Combinators.combine(
                Arbitraries.of(OpCode.OP_PING, OpCode.OP_PONG, OpCode.OP_CLOSE),
                Arbitraries.oneOf(Arbitraries.of(0, 125), Arbitraries.integers().between(2, 125)),
                Arbitraries.integers().between(0, 7), Arbitraries.longs())
                .as((op, len, rsv, seed) -> new Spec(true, rsv, op, WireFrames.payload(len, seed)));
        Arbitrary<List<Spec>> message = Combinators.combine(
                Arbitraries.of(OpCode.OP_TEXT, OpCode.OP_BINARY),
                Arbitraries.integers().between(0, 7),
                dataLength.list().ofMinSize(1).ofMaxSize(4),
                control.optional(0.3).list().ofSize(4),
                Arbitraries.longs())
                .as((op, rsv, lengths, controls, seed) -> {
                    List<Spec> frames = new ArrayList<>();
                    for (int i = 0; i < lengths.size(); i++) {
                        boolean fin = i == lengths.size() - 1;
                        frames.add(new Spec(fin, i == 0 ? rsv : 0, i == 0 ? op : OpCode.OP_CONTINUATION,
                                WireFrames.payload(lengths.get(i), seed + i)));
                        controls.get(i).ifPresent(frames::add);
                    }
                    return frames;
                });
        return Arbitraries.oneOf(message, control.list().ofMinSize(1).ofMaxSize(2))
                .list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> parts.stream().flatMap(List::stream).toList());
    }

    private static byte[] encodeWithStaticHeader(List<Spec> stream, Side sender, MaskGenerator keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameHeader h = new FrameHeader();
        for (Spec s : stream) {
            h.set(s.fin(), s.rsv(), s.opcode(), s.payload().length);
            if (sender.masksOutput()) {
                h.mask(keys.nextMask());
            }
            ByteBuffer buf = ByteBuffer.allocate(h.encodedSize() + s.payload().length);
            int n = FrameEncoder.writeHeader(h, buf);
            buf.put(s.payload());
            if (h.masked()) {
                Masking.apply(buf, n, buf.position(), h.maskKey(), 0);
            }
            out.write(buf.array(), 0, buf.position());
        }
        return out.toByteArray();
    }

    private static byte[] encodeResumably(List<Spec> stream, Side sender, MaskGenerator keys, int outputSize,
                                          boolean direct) {
        FrameEncoder encoder = new FrameEncoder(sender, keys);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(outputSize) : ByteBuffer.allocate(outputSize);
        byte[] copy = new byte[outputSize];
        for (Spec s : stream) {
            byte[] original = s.payload().clone();
            encoder.begin(s.opcode(), s.fin(), s.rsv(), ByteBuffer.wrap(s.payload()));
            boolean done;
            do {
                dst.clear();
                done = encoder.encode(dst);
                dst.flip().get(copy, 0, dst.remaining());
                out.write(copy, 0, dst.limit());
            } while (!done);
            assertThat(s.payload()).isEqualTo(original);
        }
        return out.toByteArray();
    }

    private static byte[] compileEach(List<Spec> stream, Side sender, MaskGenerator keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Spec s : stream) {
            out.writeBytes(toFrame(s).compile(sender, keys));
        }
        return out.toByteArray();
    }

    private static byte[] writeEachFrame(List<Spec> stream, Side sender, MaskGenerator keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Spec s : stream) {
            FrameIO.writeFrame(out, toFrame(s), sender, keys);
        }
        return out.toByteArray();
    }

    private static List<DecodedFrame> readEachFrame(byte[] wire, Side receiver, int count) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        List<DecodedFrame> frames = new ArrayList<>();
        boolean fragmented = false;
        for (int i = 0; i < count; i++) {
            Frame f = readFrameAnyRsv(in, receiver, fragmented);
            if (!f.opCode().isControl()) {
                fragmented = !f.fin();
            }
            byte[] payload = new byte[f.length()];
            f.payload().get(f.payload().position(), payload);
            frames.add(new DecodedFrame(f.fin(), f.rsv(), f.opCode().code(), false, 0, payload.length, payload));
        }
        assertThat(FrameIO.readFrame(in, receiver, 1 << 20, false)).as("clean end of stream").isNull();
        return frames;
    }

    /** FrameIO.readFrame allows no RSV bits, so frames with RSV are read through readHeader. */
    private static Frame readFrameAnyRsv(ByteArrayInputStream in, Side receiver, boolean fragmented) throws IOException {
        in.mark(FrameHeader.MAX_HEADER_SIZE);
        FrameHeader h = new FrameHeader();
        FrameIO.readHeader(in, new byte[FrameHeader.MAX_HEADER_SIZE], h);
        if (h.rsv() == 0) {
            in.reset();
            return FrameIO.readFrame(in, receiver, 1 << 20, fragmented);
        }
        byte[] payload = new byte[(int) h.length()];
        FrameIO.readFully(in, payload, 0, payload.length);
        Masking.apply(payload, 0, payload.length, h.maskKey(), 0);
        return new Frame(h.fin(), h.rsv(), h.opCode(), ByteBuffer.wrap(payload));
    }

    private static Frame toFrame(Spec s) {
        return new Frame(s.fin(), s.rsv(), OpCode.of(s.opcode()), ByteBuffer.wrap(s.payload()));
    }

    private static void assertSameHeader(FrameHeader actual, FrameHeader expected) {
        assertThat(actual.fin()).isEqualTo(expected.fin());
        assertThat(actual.rsv()).isEqualTo(expected.rsv());
        assertThat(actual.opcode()).isEqualTo(expected.opcode());
        assertThat(actual.masked()).isEqualTo(expected.masked());
        assertThat(actual.maskKey()).isEqualTo(expected.maskKey());
        assertThat(actual.length()).isEqualTo(expected.length());
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }
}
