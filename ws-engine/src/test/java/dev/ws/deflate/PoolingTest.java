package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Without context takeover, idle connections hold no zlib state; every native object is ended. */
class PoolingTest {

    static final class Counts {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();

        int alive() {
            return created.get() - ended.get();
        }
    }

    final Counts compressors = new Counts();
    final Counts decompressors = new Counts();

    PerMessageDeflate counting(PerMessageDeflate.Builder b) {
        return b.compressorFactory((level, bits) -> {
            compressors.created.incrementAndGet();
            Compressor c = Compressor.defaultFactory().create(level, bits);
            return new Compressor() {
                private boolean ended;

                @Override
                public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
                    assertThat(ended).as("used after end()").isFalse();
                    return c.compress(in, out, flush);
                }

                @Override
                public void reset() {
                    compressors.resets.incrementAndGet();
                    c.reset();
                }

                @Override
                public void end() {
                    assertThat(ended).as("ended twice").isFalse();
                    ended = true;
                    compressors.ended.incrementAndGet();
                    c.end();
                }
            };
        }).decompressorFactory(() -> {
            decompressors.created.incrementAndGet();
            Decompressor d = Decompressor.jdk();
            return new Decompressor() {
                @Override
                public void setInput(ByteBuffer in) {
                    d.setInput(in);
                }

                @Override
                public int decompress(ByteBuffer out) throws dev.ws.InvalidPayloadException {
                    return d.decompress(out);
                }

                @Override
                public boolean needsInput() {
                    return d.needsInput();
                }

                @Override
                public boolean finished() {
                    return d.finished();
                }

                @Override
                public void reset() {
                    decompressors.resets.incrementAndGet();
                    d.reset();
                }

                @Override
                public void end() {
                    decompressors.ended.incrementAndGet();
                    d.end();
                }
            };
        }).build();
    }

    @Test
    void idleConnectionsHoldNothingAndInstancesAreReused() throws Exception {
        PerMessageDeflate config = counting(PerMessageDeflate.builder().poolSize(4));
        Peers peers = new Peers(config, config);
        Random r = new Random(1);
        List<MessageDeflater> outs = new ArrayList<>();
        List<MessageInflater> ins = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            outs.add(peers.server.newDeflater());
            ins.add(peers.client.newInflater());
        }
        for (int round = 0; round < 5; round++) {
            for (int c = 0; c < 100; c++) {
                byte[] msg = Corpora.json(c, 2000);
                assertThat(Peers.inflate(ins.get(c), Peers.compress(outs.get(c), msg, Peers.Form.values()[c % 3], r),
                        msg.length, r)).isEqualTo(msg);
                // Between messages the connection holds nothing: everything alive is idle in the pool.
                assertThat(config.compressorStats().idle()).isEqualTo(config.compressorStats().alive());
                assertThat(config.decompressorStats().idle()).isEqualTo(config.decompressorStats().alive());
            }
        }
        assertThat(compressors.created.get()).as("one compressor serves 100 idle connections").isEqualTo(1);
        assertThat(decompressors.created.get()).isEqualTo(1);
        assertThat(compressors.resets.get()).isEqualTo(500);
        outs.forEach(MessageDeflater::close);
        ins.forEach(MessageInflater::close);
        config.close();
        assertThat(compressors.alive()).isZero();
        assertThat(decompressors.alive()).isZero();
    }

    @Test
    void aFullPoolEndsWhatComesBack() throws Exception {
        PerMessageDeflate config = counting(PerMessageDeflate.builder().poolSize(4));
        Peers peers = new Peers(config, config);
        // Twenty messages in progress at once (open streams) need twenty compressors...
        List<OutputStream> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OutputStream s = peers.server.newDeflater().newOutputStream(new ByteArrayOutputStream());
            s.write(Corpora.json(i, 100));
            open.add(s);
        }
        assertThat(compressors.created.get()).isEqualTo(20);
        for (OutputStream s : open) {
            s.close();
        }
        // ... and when they are done, four stay idle and sixteen are ended.
        assertThat(config.compressorStats()).isEqualTo(new PerMessageDeflate.PoolStats(20, 16, 4));
        assertThat(compressors.ended.get()).isEqualTo(16);
        config.close();
        assertThat(compressors.alive()).isZero();
        assertThat(config.compressorStats()).isEqualTo(new PerMessageDeflate.PoolStats(20, 20, 0));
    }

    @Test
    void contextTakeoverKeepsOnePerConnectionUntilClosed() throws Exception {
        PerMessageDeflate config = counting(PerMessageDeflate.builder().poolSize(2)
                .outboundContextTakeover(true).inboundContextTakeover(true));
        Peers peers = new Peers(config, config);
        Random r = new Random(2);
        List<MessageDeflater> outs = new ArrayList<>();
        List<MessageInflater> ins = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            MessageDeflater out = peers.server.newDeflater();
            MessageInflater in = peers.client.newInflater();
            for (int m = 0; m < 3; m++) {
                byte[] msg = Corpora.json(m, 3000);
                assertThat(Peers.inflate(in, Peers.compress(out, msg, Peers.Form.INTO_BUFFER, r), msg.length, r))
                        .isEqualTo(msg);
            }
            outs.add(out);
            ins.add(in);
        }
        assertThat(compressors.created.get()).isEqualTo(5);
        assertThat(decompressors.created.get()).isEqualTo(5);
        assertThat(compressors.resets.get()).as("context kept between messages").isZero();
        outs.forEach(MessageDeflater::close);
        ins.forEach(MessageInflater::close);
        assertThat(compressors.ended.get()).as("closing returns them; beyond the pool size they are ended").isEqualTo(3);
        assertThat(decompressors.ended.get()).isEqualTo(3);
        outs.get(0).close(); // idempotent
        assertThatThrownBy(() -> outs.get(0).compress(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        config.close();
        assertThat(compressors.alive()).isZero();
        assertThat(decompressors.alive()).isZero();
    }

    @Test
    void aFailingCompressorIsEndedNotPooled() {
        AtomicInteger ended = new AtomicInteger();
        PerMessageDeflate config = PerMessageDeflate.builder().compressorFactory((level, bits) -> new Compressor() {
            @Override
            public boolean compress(ByteBuffer in, ByteBuffer out, boolean flush) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void reset() {
            }

            @Override
            public void end() {
                ended.incrementAndGet();
            }
        }).build();
        NegotiatedDeflate n = config.negotiate(List.of(DeflateParametersTest.deflate()));
        try (MessageDeflater out = n.newDeflater()) {
            assertThatThrownBy(() -> out.compress(new byte[10], 0, 10)).hasMessage("boom");
        }
        assertThat(ended.get()).isEqualTo(1);
        assertThat(config.compressorStats()).isEqualTo(new PerMessageDeflate.PoolStats(1, 1, 0));
    }

    @Test
    void aMessageCutShortEndsItsDecompressor() throws Exception {
        PerMessageDeflate config = counting(PerMessageDeflate.builder());
        Peers peers = new Peers(config, config);
        byte[] c = Peers.compress(peers.server.newDeflater(), Corpora.json(1, 5000), Peers.Form.INTO_BUFFER, new Random());
        MessageInflater in = peers.client.newInflater();
        assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
        in.transform(ByteBuffer.wrap(c, 0, c.length / 2), false, 10_000, b -> { });
        in.close(); // the connection dropped mid-message: its partial state must not be reused
        assertThat(decompressors.ended.get()).isEqualTo(1);
        assertThat(config.decompressorStats().idle()).isZero();
    }
}
