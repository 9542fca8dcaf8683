package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxCompressedLength holds for incompressible data, for zlib and for the windowed deflater. */
class CompressedLengthBoundTest {

    @Test
    void incompressibleDataStaysWithinTheBound() {
        int[] sizes = {0, 1, 5, 100, 4095, 4096, 8191, 16384, 65535, 65536, 100_000, 300_000};
        for (int bits : new int[] {9, 12, 15}) {
            for (int level : new int[] {0, 1, 6, 9}) {
                NegotiatedDeflate n = PerMessageDeflate.builder().compressionLevel(level).build()
                        .negotiate(List.of(DeflateParametersTest.deflate("server_max_window_bits=" + bits)));
                try (MessageDeflater d = n.newDeflater()) {
                    for (int size : sizes) {
                        byte[] msg = Corpora.random(size, size);
                        ByteBuffer dst = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(size));
                        int written = d.compress(ByteBuffer.wrap(msg), dst);
                        assertThat(written).as("window %d level %d size %d", bits, level, size)
                                .isLessThanOrEqualTo(MessageDeflater.maxCompressedLength(size))
                                .isLessThanOrEqualTo(size + 5 * (size / 7000 + 1) + 5); // a stored block per round
                    }
                }
            }
        }
    }

    @Test
    void refusesADestinationWithoutRoomAndConsumesNothing() {
        NegotiatedDeflate n = PerMessageDeflate.withDefaults().negotiate(List.of(DeflateParametersTest.deflate()));
        try (MessageDeflater d = n.newDeflater()) {
            ByteBuffer msg = ByteBuffer.wrap(new byte[1000]);
            assertThatThrownBy(() -> d.compress(msg, ByteBuffer.allocate(1000)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("may compress to " + MessageDeflater.maxCompressedLength(1000));
            assertThat(msg.position()).isZero();
        }
    }
}
