package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every window we agree to is kept (RFC 7692 §7.1.2.1): a 15-bit inflater cannot tell, so the
 * test-side decoder measures the farthest back-reference of what the server sends.
 */
class WindowHonestyTest {

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void serverKeepsTheWindowTheClientAskedFor(int bits) throws Exception {
        for (boolean takeover : new boolean[] {false, true}) {
            PerMessageDeflate server = PerMessageDeflate.builder().outboundContextTakeover(takeover).build();
            NegotiatedDeflate n = server.negotiate(List.of(DeflateParametersTest.deflate(
                    "server_max_window_bits=" + bits)));
            assertThat(n.parameters().serverMaxWindowBits()).isEqualTo(bits);
            assertThat(n.outboundResetsContext()).isEqualTo(!takeover);
            DeflateStreamChecker checker = new DeflateStreamChecker();
            Random r = new Random(bits);
            try (MessageDeflater out = n.newDeflater()) {
                for (int i = 0; i < 8; i++) {
                    // Repeats at every period up to 40000 bytes: a compressor that ignores the window
                    // would reach far back.
                    byte[] msg = i % 2 == 0 ? Corpora.repetitive(i, 70000, 40000) : Corpora.json(i / 2, 20000);
                    byte[] payload = Peers.compress(out, msg, Peers.Form.values()[i % 3], r);
                    if (!takeover) {
                        checker.resetContext();
                    }
                    assertThat(checker.decodeMessage(payload)).isEqualTo(msg);
                }
            }
            assertThat(checker.maxDistance).as("window %d, takeover %s", bits, takeover)
                    .isLessThanOrEqualTo(1 << bits);
            if (bits == 15) {
                assertThat(checker.maxDistance).as("the data does invite far matches").isGreaterThan(1 << 14);
            }
        }
    }

    @Property(tries = 300)
    void noMatchEverReachesBeyondTheWindow(@ForAll("messages") List<byte[]> messages,
                                           @ForAll @IntRange(min = 8, max = 14) int bits,
                                           @ForAll @IntRange(min = 0, max = 9) int level) {
        Compressor c = Compressor.windowed(level, bits);
        DeflateStreamChecker checker = new DeflateStreamChecker();
        for (byte[] msg : messages) {
            byte[] payload = WindowedCompressorTest.payload(WindowedCompressorTest.compressMessage(c, msg, 1 + msg.length / 3));
            assertThat(checker.decodeMessage(payload)).isEqualTo(msg);
        }
        assertThat(checker.maxDistance).isLessThanOrEqualTo(1 << bits);
    }

    @Provide
    Arbitrary<List<byte[]>> messages() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(
                Arbitraries.bytes().between((byte) 'a', (byte) 'd').array(byte[].class).ofMaxSize(5000),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.longs().map(seed -> Corpora.repetitive(seed, 20000, 20000)));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
