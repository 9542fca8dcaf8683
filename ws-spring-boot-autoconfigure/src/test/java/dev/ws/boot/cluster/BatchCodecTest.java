package dev.ws.boot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.OpCode;
import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastRejectedException;
import dev.ws.handler.BroadcastTarget;
import dev.ws.server.PreparedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bytes of a stream entry: round trips, and nothing but IllegalArgumentException on bad input. */
class BatchCodecTest {

    private static final UUID ORIGIN = UUID.fromString("0f0e0d0c-0b0a-0908-0706-050403020100");

    private static byte[] encode(long firstSeq, Broadcast... messages) {
        return BatchCodec.encodeBatch(ORIGIN, firstSeq,
                Arrays.stream(messages).map(m -> BatchCodec.encodeMessage(m, 1_700_000_000_123L)).toList());
    }

    @Test
    void roundTripsEveryTargetKindTextAndBinary() {
        byte[] batch = encode(41,
                new Broadcast(BroadcastTarget.all(), PreparedMessage.text("")),
                new Broadcast(BroadcastTarget.route("/chat/{room}"), PreparedMessage.text("héllo ✓")),
                new Broadcast(BroadcastTarget.group("salle à manger"), PreparedMessage.binary(new byte[] {0, -1, 7})),
                new Broadcast(BroadcastTarget.user("ann"), PreparedMessage.binary(new byte[0])));

        BatchCodec.Batch decoded = BatchCodec.decode(batch);

        assertThat(decoded.origin()).isEqualTo(ORIGIN);
        assertThat(decoded.firstSeq()).isEqualTo(41);
        List<BatchCodec.Message> m = decoded.messages();
        assertThat(m).extracting(BatchCodec.Message::seq).containsExactly(41L, 42L, 43L, 44L);
        assertThat(m).extracting(BatchCodec.Message::target).containsExactly(BroadcastTarget.all(),
                BroadcastTarget.route("/chat/{room}"), BroadcastTarget.group("salle à manger"), BroadcastTarget.user("ann"));
        assertThat(m).extracting(x -> x.message().opCode())
                .containsExactly(OpCode.TEXT, OpCode.TEXT, OpCode.BINARY, OpCode.BINARY);
        assertThat(payload(m.get(1))).isEqualTo("héllo ✓".getBytes(StandardCharsets.UTF_8));
        assertThat(payload(m.get(2))).containsExactly(0, -1, 7);
        assertThat(m).extracting(BatchCodec.Message::publishedAtMillis).containsOnly(1_700_000_000_123L);
    }

    @Test
    void readsTheOriginWithoutDecoding() {
        byte[] batch = encode(1, new Broadcast(BroadcastTarget.all(), PreparedMessage.text("x")));
        assertThat(BatchCodec.isFrom(batch, ORIGIN)).isTrue();
        assertThat(BatchCodec.isFrom(batch, UUID.randomUUID())).isFalse();
        assertThat(BatchCodec.isFrom(new byte[3], ORIGIN)).isFalse();
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] batch = encode(7, new Broadcast(BroadcastTarget.group("lobby"), PreparedMessage.text("hello")),
                new Broadcast(BroadcastTarget.user("bob"), PreparedMessage.binary(new byte[] {1, 2})));
        for (int length = 0; length < batch.length; length++) {
            byte[] cut = Arrays.copyOf(batch, length);
            assertThatThrownBy(() -> BatchCodec.decode(cut)).as("cut at %d", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BatchCodec.decode(Arrays.copyOf(batch, batch.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the last message");
    }

    @Test
    void rejectsOtherVersionsUnknownKindsAndOpcodes() {
        byte[] batch = encode(1, new Broadcast(BroadcastTarget.group("g"), PreparedMessage.text("t")));
        byte[] version = batch.clone();
        version[1] = 2;
        assertThatThrownBy(() -> BatchCodec.decode(version)).hasMessageContaining("version");
        byte[] kind = batch.clone();
        kind[BatchCodec.HEADER_BYTES] = 9;
        assertThatThrownBy(() -> BatchCodec.decode(kind)).hasMessageContaining("target kind 9");
        byte[] opcode = batch.clone();
        opcode[BatchCodec.HEADER_BYTES + 1 + 2 + 1] = 9; // after kind, name length, name "g"
        assertThatThrownBy(() -> BatchCodec.decode(opcode)).hasMessageContaining("opcode 9");
    }

    @Test
    void randomBytesEndInIllegalArgumentExceptionOnly() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] valid = encode(3, new Broadcast(BroadcastTarget.group("lobby"), PreparedMessage.text("hello")));
        for (int i = 0; i < 20_000; i++) {
            byte[] input = random.nextBoolean() ? new byte[random.nextInt(64)] : valid.clone();
            if (input == valid || input.length == valid.length) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            } else {
                random.nextBytes(input);
                if (input.length > 1 && random.nextBoolean()) {
                    input[0] = BatchCodec.MAGIC;
                    input[1] = BatchCodec.VERSION;
                }
            }
            try {
                BatchCodec.decode(input);
            } catch (IllegalArgumentException expected) {
                // fine: malformed
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
            }
        }
    }

    @Test
    void refusesTargetNamesLongerThanTheFormatCarries() {
        Broadcast tooLong = new Broadcast(BroadcastTarget.group("g".repeat(BatchCodec.MAX_NAME_BYTES + 1)),
                PreparedMessage.text("x"));
        assertThatThrownBy(() -> BatchCodec.encodeMessage(tooLong, 0))
                .isInstanceOfSatisfying(BroadcastRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(BroadcastRejectedException.TOO_LARGE));
        Broadcast longest = new Broadcast(BroadcastTarget.group("g".repeat(BatchCodec.MAX_NAME_BYTES)),
                PreparedMessage.text("x"));
        byte[] batch = BatchCodec.encodeBatch(ORIGIN, 1, List.of(BatchCodec.encodeMessage(longest, 0)));
        assertThat(BatchCodec.decode(batch).messages().get(0).target()).isEqualTo(longest.target());
    }

    private static byte[] payload(BatchCodec.Message m) {
        byte[] b = new byte[m.message().payloadLength()];
        m.message().payload().get(b);
        return b;
    }
}
