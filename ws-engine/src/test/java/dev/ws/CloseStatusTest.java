package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link CloseStatus} (RFC 6455 §5.5.1, §7.4): a status written by {@code toPayload} or
 * {@code writeTo} parses back to itself; the reason is cut to 123 UTF-8 bytes on a code point
 * boundary, never splitting a 2-, 3- or 4-byte character; unsendable codes write nothing.
 */
class CloseStatusTest {

    @Property
    void writtenStatusParsesBackToItself(@ForAll("sendableCodes") int code, @ForAll("reasons") String reason,
                                         @ForAll boolean direct, @ForAll boolean littleEndian) throws WebSocketException {
        CloseStatus status = new CloseStatus(code, reason);
        byte[] payload = status.toPayload();
        assertThat(payload.length).isLessThanOrEqualTo(FrameHeader.MAX_CONTROL_PAYLOAD);
        assertThat(CloseStatus.parse(ByteBuffer.wrap(payload))).isEqualTo(status);

        ByteBuffer buf = (direct ? ByteBuffer.allocateDirect(200) : ByteBuffer.allocate(200))
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).position(7);
        assertThat(status.writeTo(buf)).isEqualTo(payload.length);
        assertThat(buf.position()).isEqualTo(7 + payload.length);
        buf.flip().position(7);
        assertThat(CloseStatus.parse(buf)).isEqualTo(status);
        assertThat(buf.position()).as("parse leaves the position").isEqualTo(7);
        byte[] written = new byte[payload.length];
        buf.get(7, written);
        assertThat(written).isEqualTo(payload);
    }

    @Property
    void truncatedReasonFitsAndIsAPrefixOfWholeCodePoints(@ForAll String reason) {
        String cut = new CloseStatus(1000, reason).reason();
        assertThat(reason).startsWith(cut);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CloseStatus.MAX_REASON_BYTES);
        if (!cut.isEmpty() && cut.length() < reason.length()) {
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))
                    && Character.isLowSurrogate(reason.charAt(cut.length()))).as("split a surrogate pair").isFalse();
        }
    }

    @Property
    void truncationKeepsAsMuchAsFits(@ForAll("reasons") String reason) {
        String cut = CloseStatus.truncate(reason);
        if (!cut.equals(reason)) {
            int next = reason.codePointAt(cut.length());
            String longer = cut + new String(Character.toChars(next));
            assertThat(longer.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(CloseStatus.MAX_REASON_BYTES);
        }
    }

    @Test
    void truncationNeverSplitsA2Or3Or4ByteCharacterAtTheBoundary() {
        for (String ch : List.of("é", "中", "😀")) {
            int width = ch.getBytes(StandardCharsets.UTF_8).length;
            for (int ascii = 110; ascii <= 123; ascii++) {
                String reason = "a".repeat(ascii) + ch.repeat(6);
                String cut = new CloseStatus(1000, reason).reason();
                int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
                int fitting = (123 - ascii) / width;
                assertThat(cut).as("%d ASCII + %d-byte chars", ascii, width)
                        .isEqualTo("a".repeat(ascii) + ch.repeat(Math.min(6, fitting)));
                assertThat(bytes).isLessThanOrEqualTo(123).isGreaterThan(123 - width);
                assertThat(Utf8Validator.isValid(cut.getBytes(StandardCharsets.UTF_8), 0, bytes)).isTrue();
            }
        }
    }

    @Test
    void shortReasonsAndNullAreKept() {
        assertThat(new CloseStatus(1000, null).reason()).isEmpty();
        String exactly = "x".repeat(123);
        assertThat(new CloseStatus(1000, exactly).reason()).isEqualTo(exactly);
        assertThat(new CloseStatus(1000, exactly + "y").reason()).isEqualTo(exactly);
        assertThat(new CloseStatus(1000, "\uD800".repeat(60)).reason()).hasSize(41); // lone surrogates: 3 bytes reserved each
    }

    @Test
    void unsendableStatusesWriteNothing() {
        for (int code : new int[] {0, 1004, 1005, 1006, 1015, 2000, 5000}) {
            CloseStatus status = new CloseStatus(code, "why");
            assertThat(status.isSendable()).isFalse();
            assertThat(status.toPayload()).isEmpty();
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertThat(status.writeTo(buf)).isZero();
            assertThat(buf.position()).isZero();
        }
        assertThat(CloseStatus.NO_STATUS.isSendable()).isFalse();
        assertThat(CloseStatus.ABNORMAL.code()).isEqualTo(1006);
        assertThat(CloseStatus.GOING_AWAY.isSendable()).isTrue();
    }

    /** Regression: writeTo used putShort, which follows the buffer's byte order. */
    @Test
    void writesTheCodeBigEndianWhateverTheBufferOrder() {
        ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        new CloseStatus(1001, "ab").writeTo(buf);
        assertThat(buf.array()).containsExactly(0x03, 0xE9, 'a', 'b');
    }

    @Test
    void parsesEmptyAndCodeOnlyPayloads() throws WebSocketException {
        assertThat(CloseStatus.parse(ByteBuffer.allocate(0))).isSameAs(CloseStatus.NO_STATUS);
        assertThat(CloseStatus.parse(ByteBuffer.wrap(WireFrames.bytes(0x03, 0xE8)))).isSameAs(CloseStatus.NORMAL);
        assertThat(CloseStatus.parse(ByteBuffer.wrap(WireFrames.bytes(0x0F, 0xA0)))).isEqualTo(CloseStatus.of(4000));
        ByteBuffer offset = ByteBuffer.wrap(WireFrames.bytes(0xFF, 0xFF, 0x03, 0xE9, 'h', 'i')).position(2);
        assertThat(CloseStatus.parse(offset)).isEqualTo(new CloseStatus(1001, "hi"));
        assertThat(offset.position()).isEqualTo(2);
    }

    @Test
    void rejectsPayloadOverTheControlLimit() {
        byte[] payload = new byte[126];
        payload[0] = 0x03;
        payload[1] = (byte) 0xE8;
        java.util.Arrays.fill(payload, 2, payload.length, (byte) 'a');
        ProtocolErrorException e = catchThrowableOfType(ProtocolErrorException.class,
                () -> CloseStatus.parse(ByteBuffer.wrap(payload)));
        assertThat(e).hasMessage("close payload 126 exceeds 125");
    }

    @Test
    void describesItself() {
        assertThat(CloseStatus.of(1000)).hasToString("1000 (normal closure)");
        assertThat(new CloseStatus(4001, "bye")).hasToString("4001 (application): bye");
        assertThat(new CloseStatus(2000, "")).hasToString("2000 (unknown)");
    }

    @Provide
    Arbitrary<Integer> sendableCodes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1000, 1003), Arbitraries.integers().between(1007, 1014),
                Arbitraries.integers().between(3000, 4999));
    }

    /** Strings of whole code points of every UTF-8 width (no lone surrogates). */
    @Provide
    Arbitrary<String> reasons() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(130).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }
}
