package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.FrameDecoder;
import dev.ws.Side;
import dev.ws.Utf8Validator;
import dev.ws.WebSocketException;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.http.HeaderOption;
import dev.ws.message.MessageAssembler;
import dev.ws.message.MessageListener;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.MessageInflater;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of the receive path with arbitrary bytes cut at arbitrary points (jqwik; the seed of a
 * failing run is printed, {@code -Djqwik.tries.default=N} runs longer):
 * <ul>
 *   <li>the {@link FrameDecoder} ends every input in events or a {@link WebSocketException} with its
 *       close code (1002, 1009), never reports a frame above its limit and allocates nothing;</li>
 *   <li>the {@link MessageAssembler}, with and without permessage-deflate, delivers only messages
 *       within its limit, valid UTF-8 as text, and ends in 1002, 1007 or 1009 otherwise; what it
 *       allocates follows the bytes received and the limits, never a declared length or an inflated
 *       size (2^62-byte headers, 4 MiB bombs);</li>
 *   <li>the {@link MessageInflater} on junk, valid and damaged DEFLATE data and bombs, cut anywhere,
 *       never hands on more than the allowance it is given, fails only with 1007 or 1009, and
 *       inflates the next message after any failure.</li>
 * </ul>
 */
class FrameFuzzProperties {

    private static final PerMessageDeflate DEFLATE = PerMessageDeflate.withDefaults();
    /** Creating exceptions (with their messages) costs a few KiB; a declared length would cost far more. */
    private static final long DECODER_ALLOCATION_BOUND = 32 * 1024;

    @Provide
    Arbitrary<byte[]> wire() {
        return HostileBytes.wire();
    }

    @Provide
    Arbitrary<byte[]> wireWithoutBombs() {
        return HostileBytes.wire(false);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return HostileBytes.cuts();
    }

    @Property
    void frameDecoderEndsInEventsOrACloseCode(@ForAll("wire") byte[] input, @ForAll("cuts") List<Integer> cuts,
            @ForAll HostileBytes.Kind kind, @ForAll boolean server,
            @ForAll @IntRange(min = 125, max = 70_000) int limit,
            @ForAll @IntRange(min = 0, max = 7) int allowedRsv) {
        Side side = server ? Side.SERVER : Side.CLIENT;
        decode(input, HostileBytes.chunks(input, cuts, kind), side, limit, allowedRsv); // warm up this path's classes
        List<ByteBuffer> chunks = HostileBytes.chunks(input, cuts, kind);
        long before = Probes.threadAllocatedBytes();
        decode(input, chunks, side, limit, allowedRsv);
        assertThat(Probes.threadAllocatedBytes() - before).as("decoder allocation").isLessThan(DECODER_ALLOCATION_BOUND);
    }

    private static void decode(byte[] input, List<ByteBuffer> chunks, Side side, int limit, int allowedRsv) {
        FrameDecoder decoder = new FrameDecoder(side, limit);
        decoder.allowedRsv(allowedRsv);
        try {
            long payloadSeen = 0;
            for (ByteBuffer in : chunks) {
                int start = in.position();
                int event;
                do {
                    int position = in.position();
                    event = decoder.decode(in);
                    assert in.position() >= position && in.position() <= in.limit();
                    if (event == FrameDecoder.HEADER) {
                        assert decoder.header().length() <= limit : decoder.header();
                        payloadSeen = 0;
                    } else if (event == FrameDecoder.PAYLOAD) {
                        assert decoder.payloadStart() == position && decoder.payloadStart() >= start;
                        assert decoder.payloadEnd() == in.position();
                        payloadSeen += decoder.payloadEnd() - decoder.payloadStart();
                        assert payloadSeen <= decoder.header().length();
                    }
                } while (event != FrameDecoder.NEED_MORE);
            }
        } catch (WebSocketException e) {
            assert (e.closeCode() == 1002 || e.closeCode() == 1009) && !e.getMessage().isBlank() : e;
        }
    }

    @Property
    void assemblerDeliversOnlyWhatItsLimitsAllow(@ForAll("wire") byte[] input, @ForAll("cuts") List<Integer> cuts,
            @ForAll HostileBytes.Kind kind, @ForAll @IntRange(min = 125, max = 4096) int maxFrame,
            @ForAll @IntRange(min = 0, max = 4096) int maxMessage, @ForAll boolean deflate) {
        Outcome outcome = assemble(input, cuts, kind, maxFrame, maxMessage, deflate);
        assertThat(outcome.largest).isLessThanOrEqualTo(maxMessage);
        // every message's buffer grows to at most twice what it holds, never past the limit, from 1 KiB
        long perMessage = 2L * Math.max(maxMessage, 1024) + 1024;
        long bound = 64 * 1024 + (outcome.messages + 1) * perMessage + 16L * input.length;
        assertThat(outcome.allocated).as("assembler allocation, %s", outcome).isLessThan(bound);
    }

    @Property
    void assemblerAllocatesWhatArrivesNotWhatIsDeclared(@ForAll("wireWithoutBombs") byte[] input,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll HostileBytes.Kind kind, @ForAll boolean deflate) {
        // Limits far above the input: only a declared length could cost megabytes.
        Outcome outcome = assemble(input, cuts, kind, 64 << 20, 64 << 20, deflate);
        long bound = 256 * 1024 + 4L * outcome.delivered + 2048L * (outcome.messages + 1) + 64L * input.length;
        assertThat(outcome.allocated).as("assembler allocation, %s", outcome).isLessThan(bound);
    }

    @Provide
    Arbitrary<byte[]> compressed() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(5000).map(HostileBytes::deflate),
                Arbitraries.strings().ofMaxLength(3000)
                        .map(t -> HostileBytes.deflate(t.getBytes(StandardCharsets.UTF_8))),
                HostileBytes.damaged(Arbitraries.bytes().array(byte[].class).ofMaxSize(5000)
                        .map(HostileBytes::deflate)),
                Arbitraries.of(1 << 16, 1 << 20, 4 << 20).map(HostileBytes::deflatedZeros));
    }

    @Property
    void inflaterStopsAtItsAllowanceAndFailsOnlyWith1007Or1009(@ForAll("compressed") byte[] payload,
            @ForAll("cuts") List<Integer> cuts, @ForAll HostileBytes.Kind kind,
            @ForAll @IntRange(min = 0, max = 20_000) int maxOutput) throws WebSocketException {
        try (MessageInflater inflater = negotiated().newInflater()) {
            List<ByteBuffer> chunks = HostileBytes.chunks(payload, cuts, kind);
            long[] produced = {0};
            Integer code = null;
            assertThat(inflater.startMessage(compressedFrame(OpCode.OP_BINARY, payload.length))).isTrue();
            try {
                for (int i = 0; i < chunks.size(); i++) {
                    inflater.transform(chunks.get(i), i == chunks.size() - 1, maxOutput - produced[0],
                            b -> produced[0] += b.remaining());
                }
            } catch (WebSocketException e) {
                code = e.closeCode();
                assertThat(code).isIn(1007, 1009);
            }
            assertThat(produced[0]).isLessThanOrEqualTo(maxOutput);
            Statistics.collect(code == null ? "inflated" : code == 1009 ? "1009 too big" : "1007 not deflate");
            // the next message inflates, whatever happened to this one
            byte[] next = HostileBytes.deflate("next".getBytes(StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            assertThat(inflater.startMessage(compressedFrame(OpCode.OP_TEXT, next.length))).isTrue();
            inflater.transform(ByteBuffer.wrap(next), true, 100, b -> text.append(StandardCharsets.UTF_8.decode(b)));
            assertThat(text).hasToString("next");
        }
    }

    private static FrameHeader compressedFrame(int opcode, int length) {
        return new FrameHeader().set(true, FrameHeader.RSV1, opcode, length);
    }

    private static NegotiatedDeflate negotiated() {
        return DEFLATE.negotiate(List.of(new HeaderOption("permessage-deflate", List.of())));
    }

    /** What one run of the assembler did. */
    record Outcome(int messages, long delivered, long largest, long allocated, Integer closeCode) {
    }

    private static Outcome assemble(byte[] input, List<Integer> cuts, HostileBytes.Kind kind, long maxFrame,
            long maxMessage, boolean deflate) {
        Checker listener = new Checker();
        MessageAssembler assembler = new MessageAssembler(Side.SERVER, maxFrame, maxMessage, listener);
        if (deflate) {
            assembler.extension(negotiated().newInflater());
        }
        List<ByteBuffer> chunks = HostileBytes.chunks(input, cuts, kind);
        Integer code = null;
        long before = Probes.threadAllocatedBytes();
        try {
            for (ByteBuffer in : chunks) {
                assembler.feed(in);
                assert !in.hasRemaining() : "feed consumes its whole input";
            }
        } catch (WebSocketException e) {
            code = e.closeCode();
            assertThat(code).isIn(1002, 1007, 1009);
        } finally {
            assembler.close();
        }
        long allocated = Probes.threadAllocatedBytes() - before - listener.ownAllocation;
        Statistics.label(deflate ? "deflate" : "plain").collect(code == null ? "no error" : code);
        return new Outcome(listener.messages, listener.delivered, listener.largest, allocated, code);
    }

    /** Checks what the assembler hands over; keeps count of what it allocates itself to leave it out. */
    private static final class Checker implements MessageListener {
        int messages;
        long delivered;
        long largest;
        long ownAllocation;
        boolean closed;

        @Override
        public void onText(ByteBuffer utf8) {
            data(utf8);
            long before = Probes.threadAllocatedBytes();
            byte[] b = new byte[utf8.remaining()];
            utf8.duplicate().get(b);
            assertThat(Utf8Validator.isValid(b, 0, b.length)).as("text is valid UTF-8").isTrue();
            ownAllocation += Probes.threadAllocatedBytes() - before;
        }

        @Override
        public void onBinary(ByteBuffer data) {
            data(data);
        }

        private void data(ByteBuffer message) {
            assertThat(closed).as("nothing after a close").isFalse();
            messages++;
            delivered += message.remaining();
            largest = Math.max(largest, message.remaining());
        }

        @Override
        public void onPing(ByteBuffer payload) {
            assertThat(payload.remaining()).isLessThanOrEqualTo(125);
        }

        @Override
        public void onPong(ByteBuffer payload) {
            assertThat(payload.remaining()).isLessThanOrEqualTo(125);
        }

        @Override
        public void onClose(CloseStatus status) {
            assertThat(closed).isFalse();
            assertThat(status.isSendable() || status.code() == 1005).isTrue();
            closed = true;
        }
    }
}
