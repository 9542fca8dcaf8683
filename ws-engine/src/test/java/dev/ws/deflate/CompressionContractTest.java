package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.InvalidPayloadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts around the compressor and decompressor: a pluggable compressor that breaks its
 * contract fails the message with a message naming the rule and is discarded, never reused; the
 * inflater refuses overlapping or late messages, and data after the final DEFLATE block in a later
 * fragment (1007); streams refuse use after close; and each builder option is range-checked.
 */
class CompressionContractTest {

    private static final byte[] HELLO = "hello hello hello hello".getBytes(StandardCharsets.US_ASCII);

    /** A JDK compressor that can be told to misbehave: no sync flush at the end, or claiming it ran out of room. */
    private static final class Misbehaving implements Compressor {
        final Compressor real = Compressor.jdk(6);
        boolean dropSyncFlush;
        boolean neverDone;
        int created;

        @Override
        public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
            if (neverDone) {
                in.position(in.limit());
                return false;
            }
            boolean done = real.compress(in, out, flush);
            if (flush && dropSyncFlush) {
                out.position(out.position() - 4);
            }
            return done;
        }

        @Override
        public void reset() {
            real.reset();
        }

        @Override
        public void end() {
            real.end();
        }
    }

    private static NegotiatedDeflate serverWith(Compressor.Factory factory, boolean contextTakeover) {
        PerMessageDeflate config = PerMessageDeflate.builder().compressorFactory(factory)
                .outboundContextTakeover(contextTakeover).build();
        return config.negotiate(List.of(DeflateParametersTest.deflate()));
    }

    @Test
    void compressorOutputWithoutSyncFlushFailsTheMessageAndTheCompressorIsNotReused() throws Exception {
        Misbehaving bad = new Misbehaving();
        bad.dropSyncFlush = true;
        int[] created = new int[1];
        NegotiatedDeflate server = serverWith((level, bits) -> {
            created[0]++;
            return created[0] == 1 ? bad : Compressor.jdk(level);
        }, true);
        try (MessageDeflater d = server.newDeflater()) {
            assertThat(d.resetsContext()).isFalse();
            assertThatThrownBy(() -> d.compress(HELLO, 0, HELLO.length)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("compressor output does not end with a sync flush (00 00 FF FF)");
            byte[] next = d.compress(HELLO, 0, HELLO.length);
            assertThat(created[0]).as("a fresh compressor for the next message").isEqualTo(2);
            assertThat(Peers.inflate(server.newInflater(), next, 1000, new java.util.Random(1))).isEqualTo(HELLO);
        }
    }

    @Test
    void compressorThatNeedsMoreThanTheBoundFailsNamingIt() {
        Misbehaving bad = new Misbehaving();
        bad.neverDone = true;
        NegotiatedDeflate server = serverWith((level, bits) -> bad, false);
        try (MessageDeflater d = server.newDeflater()) {
            assertThatThrownBy(() -> d.compress(HELLO, 0, HELLO.length)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("compressor wrote more than maxCompressedLength(");
        }
    }

    @Test
    void aFailingStreamReleasesItsCompressorAndRefusesFurtherWrites() throws IOException {
        Misbehaving bad = new Misbehaving();
        NegotiatedDeflate server = serverWith((level, bits) -> bad, false);
        MessageDeflater d = server.newDeflater();
        OutputStream out = d.newOutputStream(new ByteArrayOutputStream());
        out.write(HELLO);
        bad.neverDone = true;
        assertThatThrownBy(out::flush).isInstanceOf(RuntimeException.class); // the chunk sink sees the bad output
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessage("compressed message stream closed");
        out.close(); // nothing left to release: no failure
        d.close();
        assertThatThrownBy(() -> d.compress(HELLO, 0, 1)).isInstanceOf(IllegalStateException.class).hasMessage("deflater closed");
    }

    @Test
    void inflaterRefusesOverlappingMessagesAndUseAfterClose() throws Exception {
        NegotiatedDeflate server = PerMessageDeflate.withDefaults().negotiate(List.of(DeflateParametersTest.deflate()));
        MessageInflater in = server.newInflater();
        assertThatThrownBy(() -> in.transform(ByteBuffer.allocate(1), true, 10, b -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessage("transform() without startMessage()");
        InputStream first = in.newInputStream(new ByteArrayInputStream(new byte[] {0}), 100);
        assertThatThrownBy(() -> in.newInputStream(new ByteArrayInputStream(new byte[] {0}), 100))
                .isInstanceOf(IllegalStateException.class).hasMessage("a compressed message is already being inflated");
        first.close();
        in.close();
        assertThatThrownBy(() -> in.newInputStream(new ByteArrayInputStream(new byte[] {0}), 100))
                .isInstanceOf(IllegalStateException.class).hasMessage("inflater closed");
    }

    @Test
    void dataAfterTheFinalBlockInALaterFragmentIsInvalidPayload() throws Exception {
        byte[] finalHello = RoundTripTest.hex("f348cdc9c90700");
        NegotiatedDeflate server = PerMessageDeflate.withDefaults().negotiate(List.of(DeflateParametersTest.deflate()));
        try (MessageInflater in = server.newInflater()) {
            assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
            ByteArrayOutputStream inflated = new ByteArrayOutputStream();
            in.transform(ByteBuffer.wrap(finalHello), false, 100, b -> inflated.write(b.array(), b.position(), b.remaining()));
            assertThat(inflated.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");
            assertThatThrownBy(() -> in.transform(ByteBuffer.wrap(new byte[] {0}), true, 100, b -> { }))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("data after the final DEFLATE block of a compressed message");
        }
    }

    @Test
    void inflatingStreamReadsByteByByteAndCloseSkipsTheRest() throws Exception {
        NegotiatedDeflate server = PerMessageDeflate.withDefaults().negotiate(List.of(DeflateParametersTest.deflate()));
        byte[] compressed;
        try (MessageDeflater d = server.newDeflater()) {
            compressed = d.compress(HELLO, 0, HELLO.length);
        }
        try (MessageInflater in = server.newInflater()) {
            InputStream s = in.newInputStream(new ByteArrayInputStream(compressed), 1000);
            assertThat(s.read()).isEqualTo('h');
            assertThat(s.read(new byte[4], 0, 0)).isZero();
            s.close(); // reads the rest, so that the next message starts clean
            assertThat(s.read()).isEqualTo(-1);
            InputStream next = in.newInputStream(new ByteArrayInputStream(compressed), 1000);
            assertThat(next.readAllBytes()).isEqualTo(HELLO);
        }
    }

    @Test
    void builderOptionsAreRangeCheckedNamingTheValue() {
        assertThatThrownBy(() -> PerMessageDeflate.builder().compressionLevel(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("compression level 10 not in -1..9");
        assertThatThrownBy(() -> PerMessageDeflate.builder().compressionLevel(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("compression level -2 not in -1..9");
        assertThatThrownBy(() -> PerMessageDeflate.builder().compressionThreshold(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("compression threshold -1 < 0");
        assertThatThrownBy(() -> PerMessageDeflate.builder().poolSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pool size -1 < 0");
        assertThatThrownBy(() -> PerMessageDeflate.builder().inboundMaxWindowBits(16))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window bits 16 not in 8..15");
        assertThatThrownBy(() -> PerMessageDeflate.builder().minOutboundWindowBits(7))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window bits 7 not in 8..15");
        PerMessageDeflate p = PerMessageDeflate.builder().enabled(false).compressionLevel(-1).poolSize(0)
                .compressionThreshold(10).inboundContextTakeover(true).minOutboundWindowBits(9).inboundMaxWindowBits(12)
                .build();
        assertThat(List.of(p.enabled(), p.compressionLevel(), p.poolSize(), p.compressionThreshold(),
                p.inboundContextTakeover(), p.minOutboundWindowBits(), p.inboundMaxWindowBits()))
                .containsExactly(false, -1, 0, 10, true, 9, 12);
        assertThat(p.toString()).startsWith("PerMessageDeflate[disabled, level=-1");
        assertThat(p.offers()).as("disabled: nothing offered").isEmpty();
    }

    @Test
    void windowedCompressorRangeChecksItsWindowAndLevelAndTakesMinusOneAsSix() {
        assertThatThrownBy(() -> Compressor.windowed(6, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window bits 7 not in 8..15");
        assertThatThrownBy(() -> Compressor.windowed(6, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window bits 16 not in 8..15");
        assertThatThrownBy(() -> Compressor.windowed(10, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression level 10 not in -1..9");
        assertThatThrownBy(() -> Compressor.windowed(-2, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression level -2 not in -1..9");
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(50).getBytes(StandardCharsets.US_ASCII);
        assertThat(compressed(Compressor.windowed(-1, 9), text)).isEqualTo(compressed(Compressor.windowed(6, 9), text));
    }

    private static byte[] compressed(Compressor c, byte[] message) {
        ByteBuffer out = ByteBuffer.allocate(message.length * 2 + 64);
        assertThat(c.compress(ByteBuffer.wrap(message), out, true)).isTrue();
        c.end();
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
