package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.DecoderDriver.Input;
import dev.ws.SampleStreams.Sample;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzz that runs in every build: random bytes, and sample streams with random damage, cut at
 * random points, end in decoder events or a {@link WebSocketException}, never anything else; no
 * header above the limit is reported and no chunk strays outside its input. The seed changes each
 * build and is printed on failure ({@code -Dws.test.seed=N} repeats it,
 * {@code -Dws.test.iterations=N} runs longer).
 */
class DecoderFuzzTest {

    private static final List<Sample> SAMPLES = SampleStreams.small();

    @Test
    void randomInputEndsInEventsOrAWebSocketException() {
        Seeds.run("decoder fuzz", seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < Seeds.iterations(3000); i++) {
                byte[] input = input(random);
                Side side = random.nextBoolean() ? Side.SERVER : Side.CLIENT;
                long limit = 125 + random.nextInt(2000);
                FrameDecoder decoder = new FrameDecoder(side, limit);
                decoder.allowedRsv(random.nextInt(8));
                int[] cuts = DecoderDriver.randomCuts(random, input.length, 1 + random.nextInt(64));
                Input kind = Input.values()[random.nextInt(Input.values().length)];
                try {
                    fuzzOnce(decoder, input, cuts, kind, limit);
                } catch (WebSocketException expected) {
                    assertThat(expected.closeCode()).isIn(1002, 1009);
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        });
    }

    @Test
    void readFrameOnRandomInputEndsInAFrameEndOfStreamOrAWebSocketException() {
        Seeds.run("FrameIO fuzz", seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < Seeds.iterations(3000); i++) {
                ByteArrayInputStream in = new ByteArrayInputStream(input(random));
                Side side = random.nextBoolean() ? Side.SERVER : Side.CLIENT;
                try {
                    Frame f;
                    boolean fragmented = false;
                    while ((f = FrameIO.readFrame(in, side, 1000, fragmented)) != null) {
                        assertThat(f.length()).isLessThanOrEqualTo(1000);
                        if (!f.opCode().isControl()) {
                            fragmented = !f.fin();
                        }
                    }
                } catch (WebSocketException | EOFException expected) {
                    // the only ways to fail
                }
            }
        });
    }

    @Test
    void closePayloadParsingEndsInAStatusOrAWebSocketException() {
        Seeds.run("close payload fuzz", seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < Seeds.iterations(3000); i++) {
                byte[] payload = new byte[random.nextInt(130)];
                random.nextBytes(payload);
                if (random.nextBoolean() && payload.length >= 2) {
                    payload[0] = 0x03;
                    payload[1] = (byte) 0xE8;
                }
                try {
                    CloseStatus status = CloseStatus.parse(ByteBuffer.wrap(payload));
                    assertThat(status.isSendable() || payload.length == 0).isTrue();
                } catch (WebSocketException expected) {
                    assertThat(expected.closeCode()).isIn(1002, 1007);
                }
            }
        });
    }

    private static void fuzzOnce(FrameDecoder decoder, byte[] input, int[] cuts, Input kind, long limit)
            throws WebSocketException {
        int from = 0;
        long seen = 0;
        for (int c = 0; c <= cuts.length; c++) {
            int to = c < cuts.length ? cuts[c] : input.length;
            ByteBuffer in = kind.wrap(input, from, to);
            int start = in.position();
            int event;
            do {
                int before = in.position();
                event = decoder.decode(in);
                assertThat(in.position()).isBetween(before, in.limit());
                if (event == FrameDecoder.HEADER) {
                    assertThat(decoder.header().length()).isLessThanOrEqualTo(limit);
                    seen = 0;
                } else if (event == FrameDecoder.PAYLOAD) {
                    assertThat(decoder.payloadStart()).isEqualTo(before).isGreaterThanOrEqualTo(start);
                    assertThat(decoder.payloadEnd()).isEqualTo(in.position());
                    seen += decoder.payloadEnd() - decoder.payloadStart();
                    assertThat(seen).isLessThanOrEqualTo(decoder.header().length());
                }
            } while (event != FrameDecoder.NEED_MORE);
            from = to;
        }
    }

    /** Random bytes, or a sample stream with random damage (flipped, dropped or inserted bytes). */
    private static byte[] input(Random random) {
        if (random.nextInt(3) == 0) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            return junk;
        }
        byte[] wire = SAMPLES.get(random.nextInt(SAMPLES.size())).wire().clone();
        int damage = random.nextInt(4);
        for (int d = 0; d < damage && wire.length > 0; d++) {
            int at = random.nextInt(wire.length);
            switch (random.nextInt(3)) {
                case 0 -> wire[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> wire = WireFrames.concat(java.util.Arrays.copyOf(wire, at),
                        java.util.Arrays.copyOfRange(wire, at + 1, wire.length));
                default -> wire = WireFrames.concat(java.util.Arrays.copyOf(wire, at), new byte[] {(byte) random.nextInt()},
                        java.util.Arrays.copyOfRange(wire, at, wire.length));
            }
        }
        return random.nextInt(5) == 0 ? java.util.Arrays.copyOf(wire, random.nextInt(wire.length + 1)) : wire;
    }
}
