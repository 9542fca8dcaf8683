package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.http.HeaderOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the peer sends, {@link Upgrader#upgrade(ByteBuffer, ByteBuffer, HandshakeResult)} ends in
 * one of its three documented outcomes and never throws: NEED_MORE touches nothing, REJECTED writes a
 * well-formed error response and consumes nothing, UPGRADED consumes exactly a head. Feeding a prefix
 * gives NEED_MORE or the very answer the whole input gives. Tries come from jqwik's default
 * ({@code -Djqwik.tries.default=N} raises them for long runs).
 */
class UpgraderPropertiesTest {

    /** Echoes the first offer it sees: renders whatever the parser let through. */
    private static final ExtensionNegotiator ECHO = offers -> new NegotiatedExtension() {
        @Override
        public HeaderOption responseOption() {
            return offers.get(0);
        }

        @Override
        public int rsvBits() {
            return FrameHeader.RSV1;
        }
    };

    private static final Upgrader UPGRADER = Upgrader.builder().maxHeadBytes(1024).maxHeaders(12)
            .subprotocols((head, offered, result) -> offered.get(offered.size() - 1))
            .extension(ECHO)
            .onHead((head, result) -> {
                for (int i = 0; i < head.headerCount(); i++) {
                    head.headerName(i).toString();
                    head.headerValue(i).toString();
                }
            })
            .captureAllHeaders()
            .build();

    private static final List<String> BASES = List.of(
            Exchange.valid(),
            Exchange.valid("Sec-WebSocket-Protocol: a, b", "Sec-WebSocket-Extensions: permessage-deflate; x=\"1 2\", y"),
            Exchange.valid("Origin: http://o", "Cookie: a=b; c=d").replace("/chat", "/p?q=1"),
            Exchange.without("Host"),
            Exchange.valid().replace("\r\n", "\n"));

    private static final byte[] SPECIAL = {'\r', '\n', ':', ' ', '\t', ',', ';', '"', '=', '\\', 0, 0x7f, (byte) 0xff, 'a'};

    /** One damage: at a position (modulo the length), insert, overwrite or delete a byte. */
    record Damage(int at, int kind, byte value) {
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<Byte> values = Arbitraries.oneOf(Arbitraries.of(toList(SPECIAL)), Arbitraries.bytes());
        Arbitrary<Damage> damage = Combinators.combine(Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 2), values).as(Damage::new);
        return Combinators.combine(Arbitraries.of(BASES), damage.list().ofMaxSize(4)).as(UpgraderPropertiesTest::apply);
    }

    private static List<Byte> toList(byte[] b) {
        Byte[] boxed = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            boxed[i] = b[i];
        }
        return Arrays.asList(boxed);
    }

    private static byte[] apply(String base, List<Damage> damages) {
        byte[] b = base.getBytes(StandardCharsets.ISO_8859_1);
        for (Damage d : damages) {
            int at = d.at() % (b.length + 1);
            switch (d.kind()) {
                case 0 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, at);
                    n[at] = d.value();
                    System.arraycopy(b, at, n, at + 1, b.length - at);
                    b = n;
                }
                case 1 -> {
                    if (at < b.length) {
                        b[at] = d.value();
                    }
                }
                default -> {
                    if (at < b.length) {
                        byte[] n = new byte[b.length - 1];
                        System.arraycopy(b, 0, n, 0, at);
                        System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                        b = n;
                    }
                }
            }
        }
        return b;
    }

    @Property
    void randomBytesEndInADocumentedOutcome(@ForAll @Size(max = 1500) byte[] input) {
        checkOutcome(input);
    }

    @Property
    void damagedRequestsEndInADocumentedOutcome(@ForAll("damaged") byte[] input) {
        checkOutcome(input);
    }

    @Property
    void aPrefixGivesNeedMoreOrTheWholeInputsAnswer(@ForAll("damaged") byte[] input, @ForAll @IntRange(max = 2000) int cut) {
        Outcome whole = checkOutcome(input);
        Outcome prefix = checkOutcome(Arrays.copyOf(input, Math.min(cut, input.length)));
        if (prefix.outcome() != Upgrader.NEED_MORE) {
            assertThat(prefix.outcome()).isEqualTo(whole.outcome());
            assertThat(prefix.response()).isEqualTo(whole.response());
        }
    }

    /** Reference twin of the 8-octets-at-a-time value scan: accepted iff every octet is a field-value char. */
    @Property
    void headerValueIsAcceptedIffEveryOctetMayBeInAValue(@ForAll @Size(max = 40) byte[] raw,
                                                          @ForAll @IntRange(max = 9) int shift) {
        byte[] value = raw.clone();
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\r' || value[i] == '\n') {
                value[i] = 'x';
            }
        }
        boolean plain = true;
        for (byte b : value) {
            int c = b & 0xFF;
            plain &= c == '\t' || c >= 0x20 && c != 0x7F;
        }
        String request = Exchange.valid("X" + "x".repeat(shift) + ": " + new String(value, StandardCharsets.ISO_8859_1));
        Outcome outcome = checkOutcome(request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(outcome.outcome()).isEqualTo(plain ? Upgrader.UPGRADED : Upgrader.REJECTED);
    }

    private record Outcome(int outcome, String response) {
    }

    private static Outcome checkOutcome(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        ByteBuffer out = ByteBuffer.allocate(UPGRADER.responseBufferSize());
        HandshakeResult result = new HandshakeResult();
        int outcome = UPGRADER.upgrade(in, out, result);
        String response = new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
        switch (outcome) {
            case Upgrader.NEED_MORE -> {
                assertThat(in.position()).isZero();
                assertThat(out.position()).isZero();
                assertThat(input.length).isLessThan(UPGRADER.maxHeadBytes());
            }
            case Upgrader.REJECTED -> {
                assertThat(in.position()).isZero();
                assertThat(result.rejection()).isNotNull();
                int status = result.rejection().status();
                assertThat(response).startsWith("HTTP/1.1 " + status + " ");
                assertThat(status).isBetween(400, 599);
                int bodyAt = response.indexOf("\r\n\r\n") + 4;
                assertThat(response).contains("\r\nContent-Length: " + (response.length() - bodyAt) + "\r\n");
            }
            case Upgrader.UPGRADED -> {
                assertThat(in.position()).isPositive().isLessThanOrEqualTo(input.length);
                assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n").endsWith("\r\n\r\n");
                assertThat(result.uri()).isNotNull();
                assertThat(result.headers()).isNotNull();
            }
            default -> throw new AssertionError("undocumented outcome " + outcome);
        }
        return new Outcome(outcome, response);
    }
}
