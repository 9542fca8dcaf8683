package dev.ws.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The little JSON this module needs: flat objects of strings, numbers, booleans and nulls written one per line, read
 * back, and nested into a document by {@link #write(Object)} (maps, lists, strings, numbers, booleans).
 */
final class Json {

    private Json() {
    }

    /**
     * Writes a value as compact JSON.
     *
     * @param value a {@code Map<String, ?>}, {@code List<?>}, {@code CharSequence}, {@code Number}, {@code Boolean}
     *              or {@code null}
     * @return the JSON text
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Double d -> out.append(d.isNaN() || d.isInfinite() ? "null" : format(d));
            case Float f -> out.append(format(f.doubleValue()));
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> writeString(out, value.toString());
        }
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads one flat JSON object (no nested objects or arrays).
     *
     * @param line the text of the object
     * @return its members in order: {@code String}, {@code Double}, {@code Boolean} or {@code null} values
     * @throws IllegalArgumentException when the text is not such an object
     */
    static Map<String, Object> readFlat(String line) {
        Reader r = new Reader(line.trim());
        Map<String, Object> out = new LinkedHashMap<>();
        r.expect('{');
        r.skipSpace();
        if (r.peek() == '}') {
            r.pos++;
            return out;
        }
        while (true) {
            r.skipSpace();
            String key = r.string();
            r.skipSpace();
            r.expect(':');
            r.skipSpace();
            out.put(key, r.scalar());
            r.skipSpace();
            char c = r.next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at " + r.pos + " in " + line);
            }
        }
    }

    /** Reads every non-blank line of a JSON-lines text as a flat object. */
    static List<Map<String, Object>> readLines(List<String> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank() && line.trim().startsWith("{")) {
                out.add(readFlat(line));
            }
        }
        return out;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end of " + s);
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (pos - 1) + " in " + s);
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        Object scalar() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            int start = pos;
            while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String word = s.substring(start, pos);
            return switch (word) {
                case "null" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> Double.parseDouble(word);
            };
        }
    }
}
