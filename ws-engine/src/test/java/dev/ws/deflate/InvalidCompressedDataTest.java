package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.InvalidPayloadException;
import dev.ws.WebSocketException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Data that is not DEFLATE ends the message with 1007 and a clear message (conformance X.7). */
class InvalidCompressedDataTest {

    private final PerMessageDeflate config = PerMessageDeflate.withDefaults();
    private final NegotiatedDeflate server = config.negotiate(List.of(DeflateParametersTest.deflate()));

    @Test
    void closesWith1007OnGarbageDeflateData_X7() throws Exception {
        byte[] garbage = "\u00ff\u00ff\u00ff\u00ff not deflate data".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> Peers.inflate(in, garbage, 1000, new Random(1)))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessageStartingWith("invalid DEFLATE data in a compressed message: ")
                    .satisfies(e -> assertThat(((WebSocketException) e).closeCode()).isEqualTo(1007));
        }
        assertThat(config.decompressorStats().ended()).as("the broken decompressor is ended, not pooled").isEqualTo(1);
        assertThat(config.decompressorStats().idle()).isZero();
    }

    @Test
    void rejectsTheReservedBlockType() {
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> Peers.inflate(in, new byte[] {0x06, 0x00}, 1000, new Random(1)))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("invalid block type");
        }
    }

    @Test
    void rejectsDataAfterAFinalBlock() throws Exception {
        byte[] finalHello = RoundTripTest.hex("f348cdc9c90700");
        byte[] withMore = DeflateStreamChecker.concat(finalHello, RoundTripTest.hex("f248cdc9c90700"));
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> {
                assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
                in.transform(ByteBuffer.wrap(withMore), true, 100, b -> { });
            }).isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("data after the final DEFLATE block of a compressed message");
            assertThatThrownBy(() -> in.newInputStream(new ByteArrayInputStream(withMore), 100).readAllBytes())
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("data after the final DEFLATE block of a compressed message");
        }
    }

    @Test
    void randomPayloadsEndInAResultOrAWebSocketException() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        int failures = 0;
        try (MessageInflater in = server.newInflater()) {
            for (int i = 0; i < 3000; i++) {
                byte[] payload = new byte[r.nextInt(200)];
                r.nextBytes(payload);
                try {
                    byte[] out = Peers.inflate(in, payload, 4096, r);
                    assertThat(out.length).isLessThanOrEqualTo(4096);
                } catch (WebSocketException e) {
                    assertThat(e.closeCode()).as("seed " + seed).isIn(1007, 1009);
                    failures++;
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": unexpected " + e, e);
                }
            }
        }
        assertThat(failures).as("seed " + seed).isPositive();
        config.close();
        assertThat(config.decompressorStats().alive()).as("seed " + seed).isZero();
    }
}
