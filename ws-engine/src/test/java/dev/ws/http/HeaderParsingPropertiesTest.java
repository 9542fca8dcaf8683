package dev.ws.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On any text, the header scanners end in their documented results, never an exception; what
 * {@link HeaderOptions} parses renders and parses back to itself; the byte and {@link CharSequence}
 * forms of the list scanners agree.
 */
class HeaderParsingPropertiesTest {

    @Provide
    Arbitrary<String> headerish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab-_;=,\" \t\\\r\n\u0001\u00e9\u20ac").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property
    void optionsParseRenderAndParseBackToThemselves(@ForAll("headerish") String value) {
        List<HeaderOption> options = new ArrayList<>();
        int[] reported = {0};
        int malformed = HeaderOptions.parse(value, new HeaderOptions.Sink() {
            @Override
            public void option(HeaderOption option) {
                options.add(option);
            }

            @Override
            public void malformed(CharSequence v, int start, int end, String problem) {
                assertThat(start).isBetween(0, end);
                assertThat(end).isLessThanOrEqualTo(v.length());
                assertThat(problem).isNotBlank();
                reported[0]++;
            }
        });
        assertThat(malformed).isEqualTo(reported[0]);
        assertThat(HeaderOptions.parse(HeaderOptions.format(options))).isEqualTo(options);
    }

    @Property
    void listScannersAgreeOnBytesAndChars(@ForAll("headerish") String value, @ForAll("headerish") String token) {
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        boolean latin1 = value.chars().allMatch(c -> c < 256);
        if (latin1) {
            assertThat(HeaderValues.containsToken(b, 0, b.length, token)).isEqualTo(HeaderValues.containsToken(value, token));
            List<String> tokens = new ArrayList<>();
            assertThat(HeaderValues.isTokenList(b, 0, b.length)).isEqualTo(HeaderValues.tokens(value, tokens));
            for (String t : tokens) {
                assertThat(HeaderValues.containsToken(value, t.toUpperCase(java.util.Locale.ROOT))).isTrue();
            }
        }
    }

    @Property
    void cookieLookupNeverThrowsAndFindsWhatForEachSees(@ForAll("headerish") String header) {
        List<String[]> pairs = new ArrayList<>();
        Cookies.forEach(header, (name, value) -> pairs.add(new String[] {name, value}));
        for (String[] pair : pairs) {
            assertThat(Cookies.value(header, pair[0])).isNotNull();
        }
        Cookies.value(header, "a");
    }
}
