package dev.ws.http;

/**
 * Character classes of HTTP/1.1 (RFC 7230 §3.2, §3.2.6), looked up in one table so that the head
 * parser spends one load per byte. Arguments are octets: {@code b & 0xFF} for a byte, or a char
 * (chars above 0xFF belong to no class).
 */
public final class HttpChars {

    private static final int TOKEN = 1;
    /** VCHAR (0x21–0x7E) and obs-text (0x80–0xFF). */
    private static final int FIELD_VCHAR = 2;
    private static final int WHITESPACE = 4;

    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0x21; c < 0x7F; c++) {
            CLASSES[c] |= FIELD_VCHAR;
        }
        for (int c = 0x80; c < 0x100; c++) {
            CLASSES[c] |= FIELD_VCHAR;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASSES[c] |= TOKEN;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASSES[c] |= TOKEN;
            CLASSES[c - 32] |= TOKEN;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            CLASSES[c] |= TOKEN;
        }
        CLASSES[' '] |= WHITESPACE;
        CLASSES['\t'] |= WHITESPACE;
    }

    private HttpChars() {
    }

    /** Whether {@code c} is a tchar: the characters of header names, methods and list tokens. */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 256 && (CLASSES[c] & TOKEN) != 0;
    }

    /** {@link #isTokenChar} for an octet: one table load, for per-byte loops. */
    public static boolean isTokenOctet(byte b) {
        return (CLASSES[b & 0xFF] & TOKEN) != 0;
    }

    /** {@link #isFieldValueChar} for an octet: one table load, for per-byte loops. */
    public static boolean isFieldValueOctet(byte b) {
        return (CLASSES[b & 0xFF] & (FIELD_VCHAR | WHITESPACE)) != 0;
    }

    /** Whether {@code c} may appear in a header value: VCHAR, obs-text, SP or HTAB. */
    public static boolean isFieldValueChar(int c) {
        return c >= 0 && c < 256 && (CLASSES[c] & (FIELD_VCHAR | WHITESPACE)) != 0;
    }

    /** Whether {@code c} is optional whitespace (OWS): SP or HTAB. */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** ASCII lower case; other characters unchanged (header names are compared this way). */
    public static int toLowerAscii(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} is a non-empty token. */
    public static boolean isToken(byte[] b, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenOctet(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether every character of {@code s} may appear in a header value (an empty value may). */
    public static boolean isFieldValue(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isFieldValueChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive equality, as header names and tokens are compared. */
    public static boolean equalsIgnoreCase(CharSequence a, CharSequence b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (toLowerAscii(a.charAt(i)) != toLowerAscii(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive equality of {@code b[from, to)} and {@code s}. */
    public static boolean equalsIgnoreCase(byte[] b, int from, int to, CharSequence s) {
        int n = to - from;
        if (n != s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (toLowerAscii(b[from + i] & 0xFF) != toLowerAscii(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
