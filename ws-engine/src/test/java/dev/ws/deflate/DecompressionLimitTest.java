package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.MessageTooBigException;
import dev.ws.WebSocketException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** A decompression bomb is stopped at the message limit with 1009, before memory grows. */
class DecompressionLimitTest {

    static final int TEN_MIB = 10 << 20;
    static final int LIMIT = 1 << 20;

    static byte[] zerosCompressed(int size) {
        Deflater d = new Deflater(9, true);
        d.setInput(new byte[size]);
        byte[] out = new byte[size / 500 + 1024];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        assertThat(n).isLessThan(out.length);
        return java.util.Arrays.copyOf(out, n - 4);
    }

    private final NegotiatedDeflate server = PerMessageDeflate.withDefaults()
            .negotiate(List.of(DeflateParametersTest.deflate()));

    @Test
    void closesWith1009WhenInflatedMessageExceedsLimit() throws Exception {
        byte[] bomb = zerosCompressed(TEN_MIB);
        assertThat(bomb.length).isLessThan(20_000);
        try (MessageInflater in = server.newInflater()) {
            inflateBomb(in, bomb); // warm up: pooled decompressor, scratch, classes and lambdas exist
            long before = AllocatedBytes.now();
            Object[] outcome = inflateBomb(in, bomb);
            long allocated = AllocatedBytes.now() - before;
            assertThat(outcome[0]).isInstanceOf(MessageTooBigException.class);
            assertThat(((WebSocketException) outcome[0])).hasMessageContaining("inflated message exceeds its size limit");
            assertThat(((WebSocketException) outcome[0]).closeCode()).isEqualTo(1009);
            assertThat((long) outcome[1]).as("bytes handed on").isEqualTo(LIMIT);
            // The first failure ended its decompressor, so this message borrowed a new one: an 8 KiB
            // scratch and a few objects. Nothing grows with the 1 MiB inflated or the 10 MiB declared.
            assertThat(allocated).as("heap allocated while inflating 1 MiB of a 10 MiB bomb").isLessThan(16 * 1024);
        }
        PerMessageDeflate config = server.configuration();
        assertThat(config.decompressorStats().ended()).as("a failed message ends its decompressor").isEqualTo(2);
    }

    /** Returns {failure, bytes delivered}; allocates nothing itself. */
    private static Object[] inflateBomb(MessageInflater in, byte[] bomb) throws WebSocketException {
        long[] delivered = {0};
        WebSocketException failure = null;
        assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
        try {
            in.transform(ByteBuffer.wrap(bomb), true, LIMIT, chunk -> delivered[0] += chunk.remaining());
        } catch (WebSocketException e) {
            failure = e;
        }
        return new Object[] {failure, delivered[0]};
    }

    @Test
    void stopsABombFedInSmallChunksToo() throws Exception {
        byte[] bomb = zerosCompressed(TEN_MIB);
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> Peers.inflate(in, bomb, LIMIT, new Random(2)))
                    .isInstanceOf(MessageTooBigException.class);
        }
    }

    @Test
    void acceptsAMessageOfExactlyTheLimitAndRejectsOneByteMore() throws Exception {
        byte[] exact = Peers.compress(server.newDeflater(), Corpora.json(1, 100_000), Peers.Form.INTO_BUFFER, new Random());
        try (MessageInflater in = server.newInflater()) {
            assertThat(Peers.inflate(in, exact, 100_000, new Random(1))).hasSize(100_000);
            assertThatThrownBy(() -> Peers.inflate(in, exact, 99_999, new Random(1)))
                    .isInstanceOf(MessageTooBigException.class);
        }
        try (MessageInflater in = server.newInflater()) {
            assertThatThrownBy(() -> Peers.inflate(in, Peers.compress(server.newDeflater(), new byte[] {1},
                    Peers.Form.INTO_BUFFER, new Random()), 0, new Random()))
                    .isInstanceOf(MessageTooBigException.class);
        }
    }

    @Test
    void treatsANegativeAllowanceAsNone() throws Exception {
        byte[] c = Peers.compress(server.newDeflater(), new byte[] {1}, Peers.Form.INTO_BUFFER, new Random());
        try (MessageInflater in = server.newInflater()) {
            assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
            assertThatThrownBy(() -> in.transform(ByteBuffer.wrap(c), true, -5, b -> { }))
                    .isInstanceOf(MessageTooBigException.class);
        }
    }

    @Test
    void inputStreamStopsABombToo() throws Exception {
        byte[] bomb = zerosCompressed(TEN_MIB);
        try (MessageInflater in = server.newInflater()) {
            var s = in.newInputStream(new ByteArrayInputStream(bomb), LIMIT);
            byte[] buf = new byte[64 * 1024];
            long[] total = {0};
            assertThatThrownBy(() -> {
                int n;
                while ((n = s.read(buf)) >= 0) {
                    total[0] += n;
                }
            }).isInstanceOf(MessageTooBigException.class);
            assertThat(total[0]).isEqualTo(LIMIT);
            // The failed message ended its decompressor; the next message works.
            byte[] ok = Peers.compress(server.newDeflater(), Corpora.json(2, 5000), Peers.Form.INTO_BUFFER, new Random());
            assertThat(Peers.inflate(in, ok, 5000, new Random())).hasSize(5000);
        }
    }

    @Test
    void uncompressedMessagesAreNotTransformed() throws Exception {
        try (MessageInflater in = server.newInflater()) {
            assertThat(in.startMessage(new FrameHeader().set(true, 0, 1, 10))).isFalse();
        }
    }
}
