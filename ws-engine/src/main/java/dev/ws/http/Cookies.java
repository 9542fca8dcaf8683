package dev.ws.http;

import java.util.function.BiConsumer;

/**
 * The request {@code Cookie} header (RFC 6265 §4.2.1, §5.4): {@code a=b; c="d"}. Read leniently, as
 * browsers and servers do: pairs are split at {@code ;}, names and values are trimmed of whitespace,
 * one pair of surrounding double quotes is removed from a value, and a pair without {@code =} is
 * skipped. Names compare case-sensitively; the first pair with the name wins.
 */
public final class Cookies {

    private Cookies() {
    }

    /**
     * The value of cookie {@code name} as a view of {@code header} (a {@code subSequence}: for a view
     * handed to a callback, valid only during the call), or null when there is none.
     */
    public static CharSequence find(CharSequence header, CharSequence name) {
        int n = header.length();
        int i = 0;
        while (i < n) {
            int end = indexOf(header, ';', i, n);
            int eq = indexOf(header, '=', i, end);
            if (eq < end) {
                int ns = skipWhitespace(header, i, eq);
                int ne = trimEnd(header, ns, eq);
                if (regionEquals(header, ns, ne, name)) {
                    int vs = skipWhitespace(header, eq + 1, end);
                    int ve = trimEnd(header, vs, end);
                    if (ve - vs >= 2 && header.charAt(vs) == '"' && header.charAt(ve - 1) == '"') {
                        vs++;
                        ve--;
                    }
                    return header.subSequence(vs, ve);
                }
            }
            i = end + 1;
        }
        return null;
    }

    /** The value of cookie {@code name} in {@code header}, or null when there is none. */
    public static String value(CharSequence header, CharSequence name) {
        CharSequence v = find(header, name);
        return v == null ? null : v.toString();
    }

    /** Hands every well-formed pair of {@code header} to {@code pairs}, in order (duplicates kept). */
    public static void forEach(CharSequence header, BiConsumer<String, String> pairs) {
        int n = header.length();
        int i = 0;
        while (i < n) {
            int end = indexOf(header, ';', i, n);
            int eq = indexOf(header, '=', i, end);
            if (eq < end) {
                int ns = skipWhitespace(header, i, eq);
                int ne = trimEnd(header, ns, eq);
                int vs = skipWhitespace(header, eq + 1, end);
                int ve = trimEnd(header, vs, end);
                if (ve - vs >= 2 && header.charAt(vs) == '"' && header.charAt(ve - 1) == '"') {
                    vs++;
                    ve--;
                }
                if (ne > ns) {
                    pairs.accept(header.subSequence(ns, ne).toString(), header.subSequence(vs, ve).toString());
                }
            }
            i = end + 1;
        }
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    private static int skipWhitespace(CharSequence s, int from, int to) {
        while (from < to && HttpChars.isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(CharSequence s, int from, int to) {
        while (to > from && HttpChars.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean regionEquals(CharSequence s, int from, int to, CharSequence name) {
        if (to - from != name.length() || to == from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != name.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }
}
