package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages compressed by one side are inflated by the other, in every mode, across many messages. */
class RoundTripTest {

    static Stream<Arguments> modes() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean outboundTakeover : new boolean[] {false, true}) {
            for (boolean inboundTakeover : new boolean[] {false, true}) {
                for (int serverWindow : new int[] {9, 15}) {
                    b.add(Arguments.of(outboundTakeover, inboundTakeover, serverWindow));
                }
            }
        }
        return b.build();
    }

    static byte[] message(Random r, int i) {
        int[] sizes = {0, 1, 16, 300, 1024, 5000, 65536, 140000};
        int size = sizes[r.nextInt(sizes.length)];
        return switch (i % 4) {
            case 0 -> Corpora.json(i, size);
            case 1 -> Corpora.repetitive(i, size, 40000);
            case 2 -> Corpora.random(i, size);
            default -> Corpora.json(i % 3, size); // repeats earlier messages: context takeover shines
        };
    }

    @ParameterizedTest(name = "takeover out={0} in={1}, server window {2}")
    @MethodSource("modes")
    void bothDirectionsRoundTripAcrossManyMessages(boolean outTakeover, boolean inTakeover, int serverWindow)
            throws Exception {
        PerMessageDeflate config = PerMessageDeflate.builder().outboundContextTakeover(outTakeover)
                .inboundContextTakeover(inTakeover).inboundMaxWindowBits(serverWindow).build();
        Peers peers = new Peers(config, config);
        assertThat(peers.server.outboundWindowBits()).isEqualTo(serverWindow);
        assertThat(peers.server.outboundResetsContext()).isEqualTo(!inTakeover || !outTakeover);
        Random r = new Random(serverWindow * 31 + (outTakeover ? 2 : 0) + (inTakeover ? 1 : 0));
        try (MessageDeflater serverOut = peers.server.newDeflater(); MessageInflater clientIn = peers.client.newInflater();
             MessageDeflater clientOut = peers.client.newDeflater(); MessageInflater serverIn = peers.server.newInflater()) {
            DeflateStreamChecker checker = new DeflateStreamChecker();
            for (int i = 0; i < 40; i++) {
                byte[] msg = message(r, i);
                Peers.Form form = Peers.Form.values()[i % 3];
                byte[] down = Peers.compress(serverOut, msg, form, r);
                if (serverOut.resetsContext()) {
                    checker.resetContext();
                }
                assertThat(checker.decodeMessage(down)).isEqualTo(msg);
                assertThat(Peers.inflate(clientIn, down, msg.length, r)).as("message %d (%s)", i, form).isEqualTo(msg);
                byte[] up = Peers.compress(clientOut, msg, form, r);
                assertThat(Peers.inflate(serverIn, up, msg.length, r)).isEqualTo(msg);
            }
            assertThat(checker.maxDistance).isLessThanOrEqualTo(1 << serverWindow);
        }
        config.close();
        assertThat(config.compressorStats().alive()).isZero();
        assertThat(config.decompressorStats().alive()).isZero();
    }

    @Test
    void uncompressedMessagesPassThroughAndLeaveTheContextAlone() throws Exception {
        PerMessageDeflate keep = PerMessageDeflate.builder().outboundContextTakeover(true).inboundContextTakeover(true)
                .compressionThreshold(100).build();
        Peers peers = new Peers(keep, keep);
        Random r = new Random(5);
        try (MessageDeflater out = peers.server.newDeflater(); MessageInflater in = peers.client.newInflater()) {
            for (int i = 0; i < 20; i++) {
                byte[] msg = Corpora.json(i % 2, i % 3 == 0 ? 50 : 2000);
                if (out.shouldCompress(msg.length)) {
                    assertThat(Peers.inflate(in, Peers.compress(out, msg, Peers.Form.INTO_BUFFER, r), msg.length, r))
                            .isEqualTo(msg);
                } else {
                    assertThat(in.startMessage(Peers.firstFrame(false))).isFalse();
                }
            }
        }
    }

    @Test
    void emptyMessagesCompressToOneZeroByte() throws Exception {
        Peers peers = new Peers(PerMessageDeflate.withDefaults(), PerMessageDeflate.withDefaults());
        Random r = new Random(1);
        try (MessageDeflater out = peers.server.newDeflater(); MessageInflater in = peers.client.newInflater()) {
            for (Peers.Form form : Peers.Form.values()) {
                byte[] c = Peers.compress(out, new byte[0], form, r);
                assertThat(c).containsExactly(0); // RFC 7692 §7.2.3.6
                assertThat(Peers.inflate(in, c, 0, r)).isEmpty();
            }
            // A compressed message with no payload at all is taken as empty too.
            assertThat(Peers.inflate(in, new byte[0], 0, r)).isEmpty();
        }
    }

    @Test
    void inputStreamInflatesWhatTheDeflaterMade() throws Exception {
        PerMessageDeflate keep = PerMessageDeflate.builder().outboundContextTakeover(true).inboundContextTakeover(true)
                .build();
        Peers peers = new Peers(keep, keep);
        Random r = new Random(9);
        try (MessageDeflater out = peers.server.newDeflater(); MessageInflater in = peers.client.newInflater()) {
            for (int i = 0; i < 10; i++) {
                byte[] msg = Corpora.json(i % 2, 30000 + i);
                byte[] c = Peers.compress(out, msg, Peers.Form.STREAM, r);
                try (var s = in.newInputStream(new ByteArrayInputStream(c), msg.length)) {
                    assertThat(s.readAllBytes()).isEqualTo(msg);
                }
            }
        }
    }

    @Test
    void resumesAtEveryByteBoundary() throws Exception {
        PerMessageDeflate keep = PerMessageDeflate.builder().outboundContextTakeover(true).inboundContextTakeover(true)
                .build();
        Peers peers = new Peers(keep, keep);
        try (MessageDeflater out = peers.server.newDeflater(); MessageInflater in = peers.client.newInflater()) {
            for (int m = 0; m < 3; m++) {
                byte[] msg = Corpora.json(m, 3000);
                byte[] c = Peers.compress(out, msg, Peers.Form.INTO_BUFFER, new Random());
                for (int split = 0; split <= c.length; split++) {
                    if (split > 0 && m < 2) {
                        break; // context takeover: each message is inflated once, in order
                    }
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    dev.ws.message.InboundExtension.Sink sink = b -> got.write(b.array(), b.arrayOffset() + b.position(),
                            b.remaining());
                    assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
                    if (m == 2) { // one byte at a time
                        for (int i = 0; i < c.length; i++) {
                            in.transform(java.nio.ByteBuffer.wrap(c, i, 1), false, msg.length - got.size(), sink);
                        }
                        in.transform(java.nio.ByteBuffer.allocate(0), true, msg.length - got.size(), sink);
                        assertThat(got.toByteArray()).isEqualTo(msg);
                        break;
                    }
                    in.transform(java.nio.ByteBuffer.wrap(c, 0, c.length / 2), false, msg.length, sink);
                    in.transform(java.nio.ByteBuffer.wrap(c, c.length / 2, c.length - c.length / 2), true,
                            msg.length - got.size(), sink);
                    assertThat(got.toByteArray()).isEqualTo(msg);
                }
            }
        }
        // Without context takeover every split of one message can be replayed.
        Peers fresh = new Peers(PerMessageDeflate.withDefaults(), PerMessageDeflate.withDefaults());
        byte[] msg = Corpora.repetitive(7, 2000, 1000);
        byte[] c = Peers.compress(fresh.server.newDeflater(), msg, Peers.Form.INTO_BUFFER, new Random());
        try (MessageInflater in = fresh.client.newInflater()) {
            for (int split = 0; split <= c.length; split++) {
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                dev.ws.message.InboundExtension.Sink sink = b -> got.write(b.array(), b.arrayOffset() + b.position(),
                        b.remaining());
                assertThat(in.startMessage(Peers.firstFrame(true))).isTrue();
                in.transform(java.nio.ByteBuffer.wrap(c, 0, split), false, msg.length, sink);
                in.transform(java.nio.ByteBuffer.wrap(c, split, c.length - split), true, msg.length - got.size(), sink);
                assertThat(got.toByteArray()).as("split at %d", split).isEqualTo(msg);
            }
        }
    }

    @Test
    void inflatesTheExamplesOfRfc7692() throws Exception {
        // RFC 7692 §7.2.3.1-§7.2.3.4: "Hello" compressed, with a shared window, stored, and with BFINAL.
        NegotiatedDeflate keep = PerMessageDeflate.builder().inboundContextTakeover(true).build()
                .negotiate(java.util.List.of(DeflateParametersTest.deflate()));
        Random r = new Random(3);
        byte[] hello = "Hello".getBytes();
        try (MessageInflater in = keep.newInflater()) {
            assertThat(Peers.inflate(in, hex("f248cdc9c90700"), 5, r)).isEqualTo(hello);
            assertThat(Peers.inflate(in, hex("f200110000"), 5, r)).as("shared LZ77 window").isEqualTo(hello);
            assertThat(Peers.inflate(in, hex("0005 00faff 48656c6c6f 00"), 5, r)).as("stored block").isEqualTo(hello);
            assertThat(Peers.inflate(in, hex("f3 48 cd c9 c9 07 00"), 5, r)).as("BFINAL set").isEqualTo(hello);
            assertThat(Peers.inflate(in, hex("f248cdc9c90700"), 5, r)).as("a new stream after BFINAL").isEqualTo(hello);
        }
    }

    @Test
    void startsAfreshAfterAFinalBlockCompletedByTheAppendedTail() throws Exception {
        // A sender that flushes and then closes its stream: "... 00 00 FF FF" + "01" (a final stored
        // block's header); the receiver's appended 00 00 FF FF completes that final block.
        byte[] helloSynced = RoundTripTest.hex("f248cdc9c90700 0000ffff");
        byte[] closedStream = DeflateStreamChecker.concat(helloSynced, new byte[] {0x01});
        NegotiatedDeflate keep = PerMessageDeflate.builder().inboundContextTakeover(true).build()
                .negotiate(java.util.List.of(DeflateParametersTest.deflate()));
        Random r = new Random(4);
        byte[] hello = "Hello".getBytes();
        try (MessageInflater in = keep.newInflater()) {
            assertThat(in.resetsContext()).isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(Peers.inflate(in, closedStream, 5, r)).as("message %d", i).isEqualTo(hello);
                var s = in.newInputStream(new ByteArrayInputStream(closedStream), 5);
                assertThat(s.readAllBytes()).as("stream message %d", i).isEqualTo(hello);
            }
        }
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
