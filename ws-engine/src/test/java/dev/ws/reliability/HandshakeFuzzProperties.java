package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.HandshakeRejectedException;
import dev.ws.HandshakeResult;
import dev.ws.Upgrader;
import dev.ws.Utf8Validator;
import dev.ws.http.Cookies;
import dev.ws.http.HeaderOption;
import dev.ws.http.HeaderOptions;
import dev.ws.http.HeaderValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of the opening handshake and the header-value parsers with arbitrary bytes (jqwik; the
 * seed of a failing run is printed):
 * <ul>
 *   <li>the {@link Upgrader}, fed a request cut at arbitrary points the way the server feeds it (the
 *       bytes so far, in a buffer that stops one byte past {@code maxHeadBytes}), never throws, ends
 *       in the answer the whole request gets, and never puts request data in a response (a marker
 *       planted in the method, path, query, header names and values, and the message of a failing
 *       callback, is never echoed);</li>
 *   <li>the header-value scanners ({@link HeaderValues}, {@link HeaderOptions}, {@link Cookies}) end
 *       in a result on any bytes or text;</li>
 *   <li>a {@link CloseStatus} reason of any text is cut to at most 123 bytes on a code point
 *       boundary, no shorter than it must be, and reads back the same.</li>
 * </ul>
 */
class HandshakeFuzzProperties {

    /** Request data that must never come back in a response. */
    static final String MARKER = "Qx7Reflected";
    private static final int MAX_HEAD = 1024;

    private static final Upgrader UPGRADER = Upgrader.builder().maxHeadBytes(MAX_HEAD).maxHeaders(20)
            .onHead((head, result) -> {
                String path = head.path().toString();
                if (path.startsWith("/forbidden")) {
                    throw new HandshakeRejectedException(403, "forbidden");
                }
                if (path.startsWith("/boom")) {
                    throw new IllegalStateException("callback failed on " + head.uri()); // request data in a message
                }
            })
            .build();

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> path = Arbitraries.of("/chat", "/forbidden", "/boom", "/" + MARKER, "/chat?" + MARKER,
                "/chat?q=" + MARKER + "&x=%00");
        Arbitrary<String> extra = Arbitraries.of(
                "", "Origin: http://" + MARKER + ".example\r\n", "X-" + MARKER + ": 1\r\n",
                "Sec-WebSocket-Protocol: " + MARKER + "\r\n", "Sec-WebSocket-Protocol: a b " + MARKER + "\r\n",
                "Sec-WebSocket-Extensions: " + MARKER + "; x=\"" + MARKER + "\"\r\n",
                "Cookie: session=" + MARKER + "\r\n", "X-Bad\u0001: " + MARKER + "\r\n", MARKER + "\r\n");
        // mostly valid fields, so that requests reach the callbacks (403, 500) as well as the checks
        Arbitrary<String> version = Arbitraries.frequency(Tuple.of(6, "13"), Tuple.of(1, "12"), Tuple.of(1, MARKER),
                Tuple.of(1, "13, " + MARKER));
        Arbitrary<String> method = Arbitraries.frequency(Tuple.of(6, "GET"), Tuple.of(1, "POST"), Tuple.of(1, MARKER));
        Arbitrary<String> key = Arbitraries.frequency(Tuple.of(6, "dGhlIHNhbXBsZSBub25jZQ=="), Tuple.of(1, MARKER),
                Tuple.of(1, ""));
        Arbitrary<String> host = Arbitraries.frequency(Tuple.of(6, "h"), Tuple.of(1, MARKER));
        Arbitrary<String> request = Combinators.combine(method, path, host, extra, version, key)
                .as((m, p, h, x, v, k) -> m + " " + p + " HTTP/1.1\r\nHost: " + h
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + k
                        + "\r\nSec-WebSocket-Version: " + v + "\r\n" + x + "\r\n");
        Arbitrary<byte[]> bytes = request.map(r -> r.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(1, 80).map(n ->
                ("GET /chat HTTP/1.1\r\nHost: h\r\n" + ("X-" + MARKER + ": " + MARKER + "\r\n").repeat(n) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.frequencyOf(Tuple.of(3, bytes), Tuple.of(3, HostileBytes.damaged(bytes)), Tuple.of(1, huge),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(1500)));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return HostileBytes.cuts();
    }

    @Property
    void upgraderAnswersRequestsInPiecesAsWholeAndNeverReflectsThem(@ForAll("requests") byte[] request,
            @ForAll("cuts") List<Integer> cuts) {
        Answer whole = feed(List.of(ByteBuffer.wrap(request)));
        Answer pieces = feed(HostileBytes.chunks(request, cuts, HostileBytes.Kind.HEAP));
        assertThat(pieces).isEqualTo(whole);
        assertThat(whole.response()).doesNotContain(MARKER);
        Statistics.collect(whole.outcome() == Upgrader.NEED_MORE ? "need more"
                : whole.response().substring(9, 12));
    }

    /** The final outcome and response. */
    record Answer(int outcome, String response) {
    }

    /** Feeds the chunks like the server: the bytes so far, kept up to one byte past maxHeadBytes. */
    private static Answer feed(List<ByteBuffer> chunks) {
        ByteBuffer head = ByteBuffer.allocate(MAX_HEAD + 1);
        HandshakeResult result = new HandshakeResult();
        for (ByteBuffer chunk : chunks) {
            int n = Math.min(head.remaining(), chunk.remaining());
            head.put(chunk.slice(chunk.position(), n));
            ByteBuffer in = head.duplicate().flip();
            ByteBuffer out = ByteBuffer.allocate(UPGRADER.responseBufferSize());
            int outcome = UPGRADER.upgrade(in, out, result);
            String response = new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
            if (outcome == Upgrader.REJECTED) {
                int status = result.rejection().status();
                assertThat(response).startsWith("HTTP/1.1 " + status + " ").contains("\r\nConnection: close\r\n");
                int body = response.indexOf("\r\n\r\n") + 4;
                assertThat(response).contains("\r\nContent-Length: " + (response.length() - body) + "\r\n");
                assertThat(response.substring(body)).isEqualTo(result.rejection().reason() + "\n");
                return new Answer(outcome, response);
            }
            if (outcome == Upgrader.UPGRADED) {
                return new Answer(outcome, response);
            }
            assertThat(outcome).isEqualTo(Upgrader.NEED_MORE);
            assertThat(head.hasRemaining()).as("a full head buffer is answered").isTrue();
        }
        return new Answer(Upgrader.NEED_MORE, "");
    }

    // ------------------------------------------------------------------ header values

    @Property
    void headerValueScannersAnswerOnAnyBytes(@ForAll @Size(max = 300) byte[] value,
            @ForAll @IntRange(max = 400) int from,
            @ForAll @IntRange(max = 400) int to, @ForAll("tokenish") String token) {
        int f = Math.min(from, value.length);
        int t = Math.max(f, Math.min(to, value.length));
        boolean contains = HeaderValues.containsToken(value, f, t, token);
        boolean list = HeaderValues.isTokenList(value, f, t);
        String latin1 = new String(value, f, t - f, StandardCharsets.ISO_8859_1);
        assertThat(HeaderValues.containsToken(latin1, token)).isEqualTo(contains);
        List<String> tokens = new ArrayList<>();
        assertThat(HeaderValues.tokens(latin1, tokens)).isEqualTo(list);
    }

    @Provide
    Arbitrary<String> tokenish() {
        return Arbitraries.oneOf(Arbitraries.of("websocket", "upgrade", "Upgrade", "", " ", ","),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Property
    void optionListsAndCookiesAnswerOnAnyText(@ForAll @Size(max = 200) String value, @ForAll("tokenish") String name) {
        List<HeaderOption> options = new ArrayList<>();
        int malformed = HeaderOptions.parse(value, options::add);
        assertThat(malformed).isNotNegative();
        assertThat(HeaderOptions.parse(HeaderOptions.format(options))).isEqualTo(options);
        Cookies.forEach(value, (n, v) -> assertThat(Cookies.find(value, n)).isNotNull());
        Cookies.value(value, name);
    }

    // ------------------------------------------------------------------ close reasons

    @Provide
    Arbitrary<String> reasons() {
        Arbitrary<String> multibyte = Arbitraries.strings().withChars("aé€\u0800\uFFFD").ofMaxLength(150);
        Arbitrary<String> emoji = Arbitraries.of("a", "é", "€", "\uD83D\uDE00", "\uD800", "\uDC00")
                .list().ofMaxSize(130).map(l -> String.join("", l));
        return Arbitraries.oneOf(multibyte, emoji, Arbitraries.strings().ofMaxLength(200));
    }

    @Property
    void closeReasonsAreCutOnACodePointBoundaryAndReadBack(@ForAll("reasons") String reason,
            @ForAll @IntRange(min = 3000, max = 4999) int code) throws Exception {
        CloseStatus status = new CloseStatus(code, reason);
        byte[] payload = status.toPayload();
        assertThat(payload.length).isLessThanOrEqualTo(125);
        assertThat(Utf8Validator.isValid(payload, 2, payload.length - 2)).isTrue();
        String kept = status.reason();
        assertThat(reason).startsWith(kept);
        if (!kept.equals(reason)) {
            // no shorter than it must be: one more code point would not fit
            int next = reason.codePointAt(kept.length());
            String longer = reason.substring(0, kept.length() + Character.charCount(next));
            assertThat(worstCaseUtf8Length(longer)).isGreaterThan(CloseStatus.MAX_REASON_BYTES);
        }
        CloseStatus back = CloseStatus.parse(ByteBuffer.wrap(payload));
        assertThat(back.code()).isEqualTo(code);
        assertThat(back.reason()).isEqualTo(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /**
     * UTF-8 bytes of {@code s}, a lone surrogate counted as 3: CloseStatus reserves that much for one
     * (the JDK encodes it as a one-byte '?', so a reason holding one may be cut a little early).
     */
    private static int worstCaseUtf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }
}
