package dev.ws;

import dev.ws.http.HttpChars;
import dev.ws.http.RequestView;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The request head of one handshake (RFC 7230 §3): a copy of its bytes and a table of where the
 * request line's parts and each header line lie. Parsing reports fields and syntax errors only;
 * the {@link Upgrader} judges them. Owned by a {@link HandshakeResult} and reused: nothing is
 * allocated once the arrays have grown to the largest head seen.
 *
 * <p>Syntax: {@code token SP target SP "HTTP/" DIGIT "." DIGIT EOL (name ":" OWS value OWS EOL)* EOL},
 * where EOL is CRLF or a bare LF (RFC 7230 §3.5 allows accepting LF), the target is printable ASCII in
 * origin-form ({@code /path?query}) or absolute-form ({@code ws://host/path}), names are tokens
 * directly followed by the colon (§3.2.4), values hold no CTL but HTAB, and folded lines are refused.
 */
final class RequestHead implements RequestView {

    static final int INCOMPLETE = -1;
    static final int COMPLETE = 0;
    static final int MALFORMED_REQUEST_LINE = 1;
    static final int MALFORMED_HEADER = 2;
    static final int TOO_MANY_HEADERS = 3;

    /** Header kinds the upgrader acts on; {@link #CAPTURED} is a flag or-ed into the kind slot. */
    static final int OTHER = 0;
    static final int HOST = 1;
    static final int UPGRADE = 2;
    static final int CONNECTION = 3;
    static final int KEY = 4;
    static final int VERSION = 5;
    static final int PROTOCOL = 6;
    static final int EXTENSIONS = 7;
    static final int KIND_MASK = 0xF;
    static final int CAPTURED = 0x10;

    /** Table slots per header line: name start and end, value start and end, kind. */
    private static final int SLOTS = 5;
    private static final int LINE_INCOMPLETE = -1;
    private static final int LINE_MALFORMED = -2;
    /** The first allocation of the head copy; it grows up to the upgrader's limit. */
    private static final int INITIAL_BYTES = 1024;
    private static final int INITIAL_HEADERS = 32;
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};
    private static final byte[] HOST_NAME = ascii("host");
    private static final byte[] UPGRADE_NAME = ascii("upgrade");
    private static final byte[] CONNECTION_NAME = ascii("connection");
    private static final byte[] KEY_NAME = ascii("sec-websocket-key");
    private static final byte[] VERSION_NAME = ascii("sec-websocket-version");
    private static final byte[] PROTOCOL_NAME = ascii("sec-websocket-protocol");
    private static final byte[] EXTENSIONS_NAME = ascii("sec-websocket-extensions");
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf = new byte[0];
    private int[] table = new int[0];
    private int count;
    private int length;
    private boolean complete;
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    private int pathStart;
    private int pathEnd;
    private int queryStart;
    private int major;
    private int minor;

    private final AsciiView methodView = new AsciiView();
    private final AsciiView uriView = new AsciiView();
    private final AsciiView pathView = new AsciiView();
    private final AsciiView queryView = new AsciiView();
    private final AsciiView nameView = new AsciiView();
    private final AsciiView valueView = new AsciiView();

    /** Copies the first {@code n} bytes at {@code in.position()} (which stays where it is). */
    void load(ByteBuffer in, int n, int maxBytes) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, Math.min(maxBytes, Math.max(INITIAL_BYTES, 2 * buf.length)))];
        }
        in.get(in.position(), buf, 0, n);
        clear();
    }

    void clear() {
        count = 0;
        length = 0;
        complete = false;
    }

    /**
     * Parses {@code buf[0, n)}.
     *
     * @return {@link #COMPLETE} (then {@link #length()} is the head's size), {@link #INCOMPLETE} when
     *         the blank line has not arrived and nothing is wrong so far, or a syntax error code
     */
    int parse(int n, int maxHeaders) {
        byte[] b = buf;
        int i = 0;
        while (i < n && HttpChars.isTokenOctet(b[i])) {
            i++;
        }
        if (i == n) {
            return INCOMPLETE;
        }
        if (i == 0 || b[i] != ' ') {
            return MALFORMED_REQUEST_LINE;
        }
        methodEnd = i++;
        targetStart = i;
        while (i < n && b[i] > 0x20 && b[i] < 0x7F) {
            i++;
        }
        if (i == n) {
            return INCOMPLETE;
        }
        if (i == targetStart || b[i] != ' ' || !splitTarget(b, targetStart, i)) {
            return MALFORMED_REQUEST_LINE;
        }
        targetEnd = i++;
        for (int k = 0; k < 8; k++) {
            if (i + k == n) {
                return INCOMPLETE;
            }
            byte c = b[i + k];
            boolean ok = k < 5 ? c == HTTP_SLASH[k] : k == 6 ? c == '.' : c >= '0' && c <= '9';
            if (!ok) {
                return MALFORMED_REQUEST_LINE;
            }
        }
        major = b[i + 5] - '0';
        minor = b[i + 7] - '0';
        i = lineEnd(b, i + 8, n);
        if (i < 0) {
            return i == LINE_INCOMPLETE ? INCOMPLETE : MALFORMED_REQUEST_LINE;
        }
        count = 0;
        while (true) {
            if (i == n) {
                return INCOMPLETE;
            }
            if (b[i] == '\r' || b[i] == '\n') {
                int end = lineEnd(b, i, n);
                if (end < 0) {
                    return end == LINE_INCOMPLETE ? INCOMPLETE : MALFORMED_HEADER;
                }
                length = end;
                complete = true;
                return COMPLETE;
            }
            int nameStart = i;
            while (i < n && HttpChars.isTokenOctet(b[i])) {
                i++;
            }
            if (i == n) {
                return INCOMPLETE;
            }
            // no name (a folded line starts with SP), whitespace before the colon, or no colon
            if (i == nameStart || b[i] != ':') {
                return MALFORMED_HEADER;
            }
            int nameEnd = i++;
            while (i < n && HttpChars.isWhitespace(b[i])) {
                i++;
            }
            int valueStart = i;
            i = skipFieldValue(b, i, n);
            int valueEnd = i;
            i = lineEnd(b, i, n);
            if (i < 0) {
                return i == LINE_INCOMPLETE ? INCOMPLETE : MALFORMED_HEADER;
            }
            while (valueEnd > valueStart && HttpChars.isWhitespace(b[valueEnd - 1])) {
                valueEnd--;
            }
            if (count == maxHeaders) {
                return TOO_MANY_HEADERS;
            }
            add(nameStart, nameEnd, valueStart, valueEnd, kind(b, nameStart, nameEnd));
        }
    }

    /**
     * The index of the first octet at or after {@code i} that cannot be in a header value (the CR or
     * LF ending the line, or a CTL). Values are most of a head (User-Agent, Cookie), so it tests 8
     * octets at a time for a CTL (below 0x20, which includes HTAB, or DEL) and goes octet by octet
     * only around one.
     */
    private static int skipFieldValue(byte[] b, int i, int n) {
        while (i + Long.BYTES <= n) {
            long x = (long) LONGS.get(b, i);
            long y = x ^ 0x7F7F7F7F7F7F7F7FL;
            // Bit Twiddling Hacks: hasless(x, 0x20) and haszero(x ^ 0x7F), exact as "any" tests
            long below20 = (x - 0x2020202020202020L) & ~x;
            long del = (y - 0x0101010101010101L) & ~y;
            if (((below20 | del) & 0x8080808080808080L) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < n && HttpChars.isFieldValueOctet(b[i])) {
            i++;
        }
        return i;
    }

    /** The index after the line end at {@code i} (CRLF or LF), or a LINE_ code. */
    private static int lineEnd(byte[] b, int i, int n) {
        if (i >= n) {
            return LINE_INCOMPLETE;
        }
        if (b[i] == '\n') {
            return i + 1;
        }
        if (b[i] != '\r') {
            return LINE_MALFORMED;
        }
        if (i + 1 == n) {
            return LINE_INCOMPLETE;
        }
        return b[i + 1] == '\n' ? i + 2 : LINE_MALFORMED;
    }

    /** Origin-form {@code /p?q} or absolute-form {@code scheme://authority/p?q} (RFC 7230 §5.3). */
    private boolean splitTarget(byte[] b, int s, int e) {
        int p = s;
        if (b[s] != '/') {
            int k = s;
            while (k < e && (isAlpha(b[k]) || k > s && (b[k] >= '0' && b[k] <= '9' || b[k] == '+' || b[k] == '-'
                    || b[k] == '.'))) {
                k++;
            }
            if (k == s || e - k < 3 || b[k] != ':' || b[k + 1] != '/' || b[k + 2] != '/') {
                return false;
            }
            k += 3;
            while (k < e && b[k] != '/' && b[k] != '?') {
                k++;
            }
            p = k;
        }
        int q = p;
        while (q < e && b[q] != '?') {
            q++;
        }
        pathStart = p;
        pathEnd = q;
        queryStart = q < e ? q + 1 : -1;
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isAlpha(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int kind(byte[] b, int from, int to) {
        return switch (to - from) {
            case 4 -> isName(b, from, HOST_NAME) ? HOST : OTHER;
            case 7 -> isName(b, from, UPGRADE_NAME) ? UPGRADE : OTHER;
            case 10 -> isName(b, from, CONNECTION_NAME) ? CONNECTION : OTHER;
            case 17 -> isName(b, from, KEY_NAME) ? KEY : OTHER;
            case 21 -> isName(b, from, VERSION_NAME) ? VERSION : OTHER;
            case 22 -> isName(b, from, PROTOCOL_NAME) ? PROTOCOL : OTHER;
            case 24 -> isName(b, from, EXTENSIONS_NAME) ? EXTENSIONS : OTHER;
            default -> OTHER;
        };
    }

    /**
     * Whether the token at {@code b[from]} equals {@code lower} ignoring case, 8 octets at a time.
     * Setting bit 0x20 lower-cases a letter and leaves '-' alone; the known names hold nothing else,
     * and of the token characters only '-' itself becomes '-', so the test is exact for tokens.
     */
    private static boolean isName(byte[] b, int from, byte[] lower) {
        int n = lower.length;
        int k = 0;
        for (; k + Long.BYTES <= n; k += Long.BYTES) {
            if (((long) LONGS.get(b, from + k) | 0x2020202020202020L) != (long) LONGS.get(lower, k)) {
                return false;
            }
        }
        for (; k < n; k++) {
            if ((b[from + k] | 0x20) != lower[k]) {
                return false;
            }
        }
        return true;
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd, int kind) {
        int at = count * SLOTS;
        if (at + SLOTS > table.length) {
            int[] grown = new int[Math.max(INITIAL_HEADERS * SLOTS, 2 * table.length)];
            System.arraycopy(table, 0, grown, 0, table.length);
            table = grown;
        }
        table[at] = nameStart;
        table[at + 1] = nameEnd;
        table[at + 2] = valueStart;
        table[at + 3] = valueEnd;
        table[at + 4] = kind;
        count++;
    }

    // ---- accessors for the upgrader and the result (valid after COMPLETE) ----

    boolean isComplete() {
        return complete;
    }

    /** The size of the head in bytes, blank line included. */
    int length() {
        return length;
    }

    byte[] bytes() {
        return buf;
    }

    int majorVersion() {
        return major;
    }

    int minorVersion() {
        return minor;
    }

    boolean methodIs(String token) {
        return methodEnd == token.length() && regionEquals(0, methodEnd, token);
    }

    int kind(int index) {
        return table[index * SLOTS + 4] & KIND_MASK;
    }

    boolean isCaptured(int index) {
        return (table[index * SLOTS + 4] & CAPTURED) != 0;
    }

    void markCaptured(int index) {
        table[index * SLOTS + 4] |= CAPTURED;
    }

    int nameStart(int index) {
        return table[index * SLOTS];
    }

    int nameEnd(int index) {
        return table[index * SLOTS + 1];
    }

    int valueStart(int index) {
        return table[index * SLOTS + 2];
    }

    int valueEnd(int index) {
        return table[index * SLOTS + 3];
    }

    /** A reused view of the name of header {@code index}, for one callback. */
    CharSequence nameView(int index) {
        return nameView.set(buf, nameStart(index), nameEnd(index));
    }

    /** A reused view of the value of header {@code index}, for one callback. */
    CharSequence valueView(int index) {
        return valueView.set(buf, valueStart(index), valueEnd(index));
    }

    /** Whether the value of header {@code index} is exactly {@code s}. */
    boolean valueIs(int index, String s) {
        int from = valueStart(index);
        int to = valueEnd(index);
        return to - from == s.length() && regionEquals(from, to, s);
    }

    private boolean regionEquals(int from, int to, String s) {
        for (int i = from; i < to; i++) {
            if (buf[i] != s.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    String string(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    String methodString() {
        return string(0, methodEnd);
    }

    String uriString() {
        return string(targetStart, targetEnd);
    }

    String pathString() {
        return pathStart == pathEnd ? "/" : string(pathStart, pathEnd);
    }

    String queryString() {
        return queryStart < 0 ? null : string(queryStart, targetEnd);
    }

    // ---- RequestView: views over buf, valid during the callback ----

    @Override
    public CharSequence method() {
        return methodView.set(buf, 0, methodEnd);
    }

    @Override
    public CharSequence uri() {
        return uriView.set(buf, targetStart, targetEnd);
    }

    @Override
    public CharSequence path() {
        return pathStart == pathEnd ? "/" : pathView.set(buf, pathStart, pathEnd);
    }

    @Override
    public CharSequence query() {
        return queryStart < 0 ? null : queryView.set(buf, queryStart, targetEnd);
    }

    @Override
    public int headerCount() {
        return count;
    }

    @Override
    public CharSequence headerName(int index) {
        Objects.checkIndex(index, count);
        return new AsciiView(buf, nameStart(index), nameEnd(index));
    }

    @Override
    public CharSequence headerValue(int index) {
        Objects.checkIndex(index, count);
        return new AsciiView(buf, valueStart(index), valueEnd(index));
    }

    @Override
    public CharSequence header(CharSequence name) {
        int index = indexOfHeader(name, 0);
        return index < 0 ? null : headerValue(index);
    }

    @Override
    public int indexOfHeader(CharSequence name, int from) {
        for (int i = Math.max(from, 0); i < count; i++) {
            if (HttpChars.equalsIgnoreCase(buf, nameStart(i), nameEnd(i), name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return complete ? "RequestHead[" + uriString() + ", " + count + " headers, " + length + " bytes]"
                : "RequestHead[incomplete]";
    }
}
