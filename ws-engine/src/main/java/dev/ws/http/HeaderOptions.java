package dev.ws.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Option lists with parameters, as in {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1, RFC 7230
 * §3.2.6):
 * <pre>
 *   list      = #element                         (empty elements are skipped)
 *   element   = token *( OWS ";" OWS parameter )
 *   parameter = token [ BWS "=" BWS ( token / quoted-string ) ]
 * </pre>
 * Each element is parsed on its own. A malformed element (a missing name, a stray character, an
 * unterminated quoted string) is reported to {@link Sink#malformed} and left out, and parsing goes on
 * with the next element: a malformed offer is declined, never mistaken for a shorter valid one, and
 * never costs the offers after it (RFC 7692 §5). Quoted-string values are unquoted; names keep the
 * case they were sent in. Whether a value is acceptable is the negotiator's business, not the parser's.
 */
public final class HeaderOptions {

    /**
     * Receives the elements of one list, in order. Calls: {@code (option | malformed)*}.
     */
    @FunctionalInterface
    public interface Sink {

        /** A well-formed element. */
        void option(HeaderOption option);

        /**
         * A malformed element, left out of the options. {@code value[start, end)} is its text, only for
         * logging: it is peer data.
         *
         * @param problem what is wrong, e.g. "unterminated quoted string"
         */
        default void malformed(CharSequence value, int start, int end, String problem) {
        }
    }

    private HeaderOptions() {
    }

    /**
     * Parses the list {@code value}, handing each element to {@code sink} in order.
     *
     * @return the number of malformed elements
     */
    public static int parse(CharSequence value, Sink sink) {
        int malformed = 0;
        int n = value.length();
        int i = 0;
        Element element = new Element(value);
        while (true) {
            while (i < n && isSeparator(value.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return malformed;
            }
            int start = i;
            HeaderOption option = element.parse(start);
            if (option != null) {
                sink.option(option);
                i = element.pos;
            } else {
                int end = skipElement(value, start);
                int trimmed = end;
                while (trimmed > start && HttpChars.isWhitespace(value.charAt(trimmed - 1))) {
                    trimmed--;
                }
                sink.malformed(value, start, trimmed, element.problem);
                malformed++;
                i = end;
            }
        }
    }

    /** The well-formed elements of {@code value}, in order; malformed ones are left out. */
    public static List<HeaderOption> parse(CharSequence value) {
        List<HeaderOption> out = new ArrayList<>();
        parse(value, out::add);
        return out;
    }

    /**
     * Renders {@code option} as it appears in a header: {@code name; p1; p2=v}, quoting a value that
     * is not a token.
     *
     * @throws IllegalArgumentException when a name is not a token or a value holds a character a
     *                                  header cannot carry (a CTL, or above 0xFF)
     */
    public static StringBuilder appendTo(StringBuilder sb, HeaderOption option) {
        requireToken(option.name());
        sb.append(option.name());
        for (HeaderOption.Parameter p : option.parameters()) {
            requireToken(p.name());
            sb.append("; ").append(p.name());
            if (p.value() != null) {
                sb.append('=');
                appendValue(sb, p.value());
            }
        }
        return sb;
    }

    /** Renders a list of options separated by {@code ", "}; see {@link #appendTo}. */
    public static String format(List<HeaderOption> options) {
        StringBuilder sb = new StringBuilder();
        for (HeaderOption o : options) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            appendTo(sb, o);
        }
        return sb.toString();
    }

    private static void appendValue(StringBuilder sb, String value) {
        if (HttpChars.isToken(value)) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!HttpChars.isFieldValueChar(c)) {
                throw new IllegalArgumentException("parameter value has a character a header cannot carry: U+"
                        + Integer.toHexString(c));
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void requireToken(String name) {
        if (!HttpChars.isToken(name)) {
            throw new IllegalArgumentException("not a token: \"" + name + "\"");
        }
    }

    private static boolean isSeparator(char c) {
        return c == ',' || HttpChars.isWhitespace(c);
    }

    /** The index of the comma that ends the element starting at {@code i} (or the end), quote-aware. */
    private static int skipElement(CharSequence value, int i) {
        int n = value.length();
        boolean quoted = false;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return i;
            }
        }
        return n;
    }

    /** Parses one element; on failure returns null and leaves {@link #problem} set. */
    private static final class Element {

        private final CharSequence value;
        private final int n;
        private int pos;
        private String problem;

        Element(CharSequence value) {
            this.value = value;
            this.n = value.length();
        }

        HeaderOption parse(int start) {
            pos = start;
            problem = null;
            String name = token();
            if (name == null) {
                return fail("expected an option name");
            }
            List<HeaderOption.Parameter> params = new ArrayList<>(2);
            while (true) {
                skipWhitespace();
                if (pos == n || value.charAt(pos) == ',') {
                    return new HeaderOption(name, params);
                }
                if (value.charAt(pos) != ';') {
                    return fail("expected ';' or ','");
                }
                pos++;
                skipWhitespace();
                String param = token();
                if (param == null) {
                    return fail("expected a parameter name");
                }
                skipWhitespace();
                String paramValue = null;
                if (pos < n && value.charAt(pos) == '=') {
                    pos++;
                    skipWhitespace();
                    paramValue = pos < n && value.charAt(pos) == '"' ? quotedString() : token();
                    if (paramValue == null) {
                        return problem != null ? null : fail("expected a parameter value");
                    }
                }
                params.add(new HeaderOption.Parameter(param, paramValue));
            }
        }

        private String token() {
            int start = pos;
            while (pos < n && HttpChars.isTokenChar(value.charAt(pos))) {
                pos++;
            }
            return pos > start ? value.subSequence(start, pos).toString() : null;
        }

        /** RFC 7230 §3.2.6: DQUOTE *( qdtext / quoted-pair ) DQUOTE. */
        private String quotedString() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < n) {
                char c = value.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos == n) {
                        break;
                    }
                    c = value.charAt(pos++);
                    if (!HttpChars.isFieldValueChar(c)) {
                        fail("invalid quoted-pair");
                        return null;
                    }
                } else if (!HttpChars.isFieldValueChar(c)) {
                    fail("invalid character in quoted string");
                    return null;
                }
                sb.append(c);
            }
            fail("unterminated quoted string");
            return null;
        }

        private void skipWhitespace() {
            while (pos < n && HttpChars.isWhitespace(value.charAt(pos))) {
                pos++;
            }
        }

        private HeaderOption fail(String what) {
            problem = what;
            return null;
        }
    }
}
