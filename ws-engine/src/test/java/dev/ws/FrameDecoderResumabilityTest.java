package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.DecoderDriver.Input;
import dev.ws.SampleStreams.Sample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the decoder's resumability (RFC 6455 §5.2 framing, FrameDecoder's contract): every sample
 * stream gives the same frames, headers and payload bytes whether it arrives in one piece, cut in
 * two at every byte boundary, one byte at a time, or in random chunks, and in every kind of buffer.
 */
class FrameDecoderResumabilityTest {

    static List<Sample> samples() {
        return SampleStreams.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodesWholeStreamIntoTheFramesThatWereSent(Sample s) throws WebSocketException {
        assertThat(DecoderDriver.decodeWhole(s.newDecoder(), s.wire())).containsExactlyElementsOf(s.frames());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void resumesAtEveryByteBoundary(Sample s) throws WebSocketException {
        FrameDecoder decoder = s.newDecoder();
        byte[] wire = s.wire();
        byte[] work = new byte[wire.length];
        for (int at = 0; at <= wire.length; at++) {
            System.arraycopy(wire, 0, work, 0, wire.length); // decoding unmasks in place
            try {
                DecoderDriver.verify(decoder, s.frames(),
                        ByteBuffer.wrap(work, 0, at), ByteBuffer.wrap(work, at, wire.length - at));
            } catch (AssertionError e) {
                throw new AssertionError(s + " cut at byte " + at + ": " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void resumesOneByteAtATime(Sample s) throws WebSocketException {
        assertThat(DecoderDriver.decode(s.newDecoder(), s.wire(), DecoderDriver.everyByte(s.wire().length), Input.HEAP))
                .containsExactlyElementsOf(s.frames());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void resumesInRandomChunks(Sample s) {
        Seeds.run("random chunks of " + s, seed -> {
            Random random = new Random(seed);
            FrameDecoder decoder = s.newDecoder();
            int rounds = Seeds.iterations(s.wire().length > 4096 ? 4 : 20);
            for (int round = 0; round < rounds; round++) {
                int maxChunk = 1 + random.nextInt(random.nextBoolean() ? 20 : 5000);
                int[] cuts = DecoderDriver.randomCuts(random, s.wire().length, maxChunk);
                Input input = Input.values()[random.nextInt(Input.values().length)];
                assertThat(DecoderDriver.decode(decoder, s.wire(), cuts, input))
                        .as("%s in chunks of up to %d bytes, %s", s, maxChunk, input)
                        .containsExactlyElementsOf(s.frames());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void decodesEveryKindOfInputBufferAlike(Input input) throws WebSocketException {
        for (Sample s : SampleStreams.all()) {
            assertThat(DecoderDriver.decode(s.newDecoder(), s.wire(), new int[0], input)).as("%s", s)
                    .containsExactlyElementsOf(s.frames());
            assertThat(DecoderDriver.decode(s.newDecoder(), s.wire(), DecoderDriver.everyByte(Math.min(40, s.wire().length)), input))
                    .as("%s, first bytes one at a time", s)
                    .containsExactlyElementsOf(s.frames());
        }
    }
}
