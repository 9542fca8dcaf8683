package dev.ws.client;

import dev.ws.http.HttpChars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.x response head (RFC 7230 §3): status line and header fields, as the server of a
 * handshake or an HTTP proxy sends it. Parsed once, when the blank line has arrived; the body, if
 * any, is never read. Lines end with CRLF; a bare LF is tolerated, folded lines are not.
 *
 * @param major   the HTTP major version
 * @param minor   the HTTP minor version
 * @param status  the three-digit status code
 * @param phrase  the reason phrase (may be empty)
 * @param headers field values by lower-case name, in the order received; unmodifiable
 */
record ResponseHead(int major, int minor, int status, String phrase, Map<String, List<String>> headers) {

    /** {@link #end}: the blank line has not arrived yet. */
    static final int INCOMPLETE = -1;

    /**
     * The index just past the blank line that ends the head in {@code b[from, to)}, or
     * {@link #INCOMPLETE}.
     */
    static int end(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                // "\n\n" or "\n\r\n" ends the head
                if (i + 1 < to && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return INCOMPLETE;
    }

    /**
     * Parses the head {@code b[from, end)} (end from {@link #end}).
     *
     * @throws IllegalArgumentException naming the malformed part (its text is peer data, cut short)
     */
    static ResponseHead parse(byte[] b, int from, int end) {
        String text = new String(b, from, end - from, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        String statusLine = stripCr(lines[0]);
        // status-line = HTTP-version SP status-code SP reason-phrase (RFC 7230 §3.1.2)
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12 || statusLine.charAt(6) != '.'
                || !isDigit(statusLine.charAt(5)) || !isDigit(statusLine.charAt(7)) || statusLine.charAt(8) != ' '
                || !isDigit(statusLine.charAt(9)) || !isDigit(statusLine.charAt(10)) || !isDigit(statusLine.charAt(11))
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new IllegalArgumentException("malformed status line \"" + cut(statusLine) + "\"");
        }
        int major = statusLine.charAt(5) - '0';
        int minor = statusLine.charAt(7) - '0';
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        String phrase = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isEmpty()) {
                break; // the blank line
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !HttpChars.isToken(line.substring(0, colon))) {
                throw new IllegalArgumentException("malformed header line \"" + cut(line) + "\"");
            }
            String value = line.substring(colon + 1).strip();
            if (!HttpChars.isFieldValue(value)) {
                throw new IllegalArgumentException("malformed header " + line.substring(0, colon)
                        + ": its value has a character a header cannot carry");
            }
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(value);
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new ResponseHead(major, minor, status, phrase, Collections.unmodifiableMap(headers));
    }

    /** The values of the header {@code lowerName}, empty when absent. */
    List<String> values(String lowerName) {
        return headers.getOrDefault(lowerName, List.of());
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Peer text for an error message: at most 80 characters. */
    static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
