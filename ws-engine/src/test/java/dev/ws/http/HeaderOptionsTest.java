package dev.ws.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.http.HeaderOption.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderOptionsTest {

    private static List<String> malformed(String value) {
        List<String> problems = new ArrayList<>();
        HeaderOptions.parse(value, new HeaderOptions.Sink() {
            @Override
            public void option(HeaderOption option) {
            }

            @Override
            public void malformed(CharSequence v, int start, int end, String problem) {
                problems.add(v.subSequence(start, end) + " -> " + problem);
            }
        });
        return problems;
    }

    @Test
    void parsesOptionsWithParametersInOrder() {
        List<HeaderOption> options = HeaderOptions.parse(
                "permessage-deflate; client_max_window_bits, permessage-deflate ;server_max_window_bits = 10 ; x=\"a b\",x-foo");
        assertThat(options).containsExactly(
                new HeaderOption("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))),
                new HeaderOption("permessage-deflate", List.of(new Parameter("server_max_window_bits", "10"),
                        new Parameter("x", "a b"))),
                HeaderOption.of("x-foo"));
    }

    @Test
    void keepsDuplicateParametersSoANegotiatorCanDeclineThem() {
        assertThat(HeaderOptions.parse("permessage-deflate; client_no_context_takeover; client_no_context_takeover")
                .get(0).parameters()).hasSize(2);
    }

    @Test
    void unquotesQuotedStringsWithEscapesAndKeepsCommasInside() {
        List<HeaderOption> options = HeaderOptions.parse("a; p=\"x, \\\"y\\\" \\\\ z\"; q=\"\", b");
        assertThat(options).hasSize(2);
        assertThat(options.get(0).parameters()).containsExactly(new Parameter("p", "x, \"y\" \\ z"), new Parameter("q", ""));
        assertThat(options.get(1).name()).isEqualTo("b");
    }

    @Test
    void skipsEmptyElements() {
        assertThat(HeaderOptions.parse(" , a ,, ,b, ")).extracting(HeaderOption::name).containsExactly("a", "b");
        assertThat(HeaderOptions.parse("")).isEmpty();
    }

    @Test
    void reportsEachMalformedElementAndGoesOnWithTheNext() {
        assertThat(malformed("a; x=\"open, b")).containsExactly("a; x=\"open, b -> unterminated quoted string");
        assertThat(malformed("a b, ok, ;p, c;, d; =1, e; f=, g; h=\"v\" junk, i; j=\"\u0001\", \"q\"")).containsExactly(
                "a b -> expected ';' or ','",
                ";p -> expected an option name",
                "c; -> expected a parameter name",
                "d; =1 -> expected a parameter name",
                "e; f= -> expected a parameter value",
                "g; h=\"v\" junk -> expected ';' or ','",
                "i; j=\"\u0001\" -> invalid character in quoted string",
                "\"q\" -> expected an option name");
        List<String> names = new ArrayList<>();
        int count = HeaderOptions.parse("bad bad, good; p=1, x=\"a,b\" c, also-good",
                o -> names.add(o.toString()));
        assertThat(count).isEqualTo(2);
        assertThat(names).containsExactly("good; p=1", "also-good");
    }

    @Test
    void rendersTokensBareAndOtherValuesQuoted() {
        HeaderOption o = new HeaderOption("x", List.of(new Parameter("a", null), new Parameter("b", "15"),
                new Parameter("c", "two words"), new Parameter("d", "q\"\\"), new Parameter("e", "")));
        String rendered = HeaderOptions.format(List.of(o, HeaderOption.of("y")));
        assertThat(rendered).isEqualTo("x; a; b=15; c=\"two words\"; d=\"q\\\"\\\\\"; e=\"\", y");
        assertThat(HeaderOptions.parse(rendered)).containsExactly(o, HeaderOption.of("y"));
    }

    @Test
    void refusesToRenderWhatAHeaderCannotCarry() {
        assertThatThrownBy(() -> HeaderOptions.format(List.of(HeaderOption.of("a b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderOptions.format(List.of(new HeaderOption("a", List.of(new Parameter("p", "\r\n"))))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderOptions.format(List.of(new HeaderOption("a", List.of(new Parameter("p=", "1"))))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
