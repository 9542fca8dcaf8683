package dev.ws.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated header value lists (RFC 7230 §7, the {@code #rule}): {@code Connection:
 * keep-alive, Upgrade}, {@code Upgrade: websocket}, {@code Sec-WebSocket-Protocol: chat, superchat}.
 * Elements are trimmed of optional whitespace; empty elements ({@code a, , b}) are allowed and
 * skipped, as the rule says. Tokens compare ASCII case-insensitively.
 *
 * <p>The byte forms read the value where it lies and allocate nothing: the upgrader uses them on
 * its copy of the request head. The {@link CharSequence} forms serve callbacks and tests.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** Whether the list {@code b[from, to)} has an element equal to {@code token}, ignoring case. */
    public static boolean containsToken(byte[] b, int from, int to, CharSequence token) {
        int i = from;
        while (i < to) {
            while (i < to && isSeparator(b[i])) {
                i++;
            }
            int start = i;
            while (i < to && b[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && HttpChars.isWhitespace(b[end - 1])) {
                end--;
            }
            if (end > start && HttpChars.equalsIgnoreCase(b, start, end, token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the list {@code value} has an element equal to {@code token}, ignoring case. */
    public static boolean containsToken(CharSequence value, CharSequence token) {
        int i = 0;
        int to = value.length();
        while (i < to) {
            while (i < to && isSeparator(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && value.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && HttpChars.isWhitespace(value.charAt(end - 1))) {
                end--;
            }
            if (end > start && regionEqualsIgnoreCase(value, start, end, token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code b[from, to)} is a list of tokens ({@code #token}); an empty list is one.
     * Allocates nothing.
     */
    public static boolean isTokenList(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            while (i < to && isSeparator(b[i])) {
                i++;
            }
            int start = i;
            while (i < to && b[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && HttpChars.isWhitespace(b[end - 1])) {
                end--;
            }
            if (end > start && !HttpChars.isToken(b, start, end)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the elements of the list {@code value} to {@code out}, in order. An element that is not
     * a token (it holds a space, a quote, a CTL…) is left out and makes the result false, so that a
     * caller can tell a malformed list from one without the token it wants.
     *
     * @return whether every element was a token
     */
    public static boolean tokens(CharSequence value, List<String> out) {
        boolean wellFormed = true;
        int i = 0;
        int to = value.length();
        while (i < to) {
            while (i < to && isSeparator(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && value.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && HttpChars.isWhitespace(value.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                CharSequence element = value.subSequence(start, end);
                if (HttpChars.isToken(element)) {
                    out.add(element.toString());
                } else {
                    wellFormed = false;
                }
            }
        }
        return wellFormed;
    }

    /** The token elements of the list {@code value}, in order; malformed elements are left out. */
    public static List<String> tokens(CharSequence value) {
        List<String> out = new ArrayList<>();
        tokens(value, out);
        return out;
    }

    private static boolean regionEqualsIgnoreCase(CharSequence value, int start, int end, CharSequence token) {
        if (end - start != token.length()) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (HttpChars.toLowerAscii(value.charAt(i)) != HttpChars.toLowerAscii(token.charAt(i - start))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(int c) {
        return c == ',' || c == ' ' || c == '\t';
    }
}
