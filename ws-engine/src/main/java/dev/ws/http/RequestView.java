package dev.ws.http;

/**
 * A read-only view of an HTTP request head (RFC 7230 §3) that has passed the syntax checks: request
 * line and header lines, in the order received.
 *
 * <p><b>Lifetime:</b> the view and every {@link CharSequence} it returns read the bytes of the head
 * where they lie; they are valid only during the callback that received the view. Copy what you keep
 * ({@code toString()}). Characters are the octets as received (ISO-8859-1); the request target is
 * ASCII. Not thread-safe: use it on the thread that called you.
 */
public interface RequestView {

    /** The method token, e.g. {@code GET}. */
    CharSequence method();

    /** The request target as sent, e.g. {@code /chat?room=1} (origin-form or absolute-form). */
    CharSequence uri();

    /** The path of the target, still percent-encoded, without the query; {@code /} when empty. */
    CharSequence path();

    /** What follows the first {@code ?} of the target, or null when there is no {@code ?}. */
    CharSequence query();

    /** The number of header lines. */
    int headerCount();

    /** The name of header line {@code index} ({@code 0 <= index < headerCount()}), as sent. */
    CharSequence headerName(int index);

    /** The value of header line {@code index}, without surrounding whitespace. */
    CharSequence headerValue(int index);

    /** The value of the first header named {@code name} (ignoring case), or null. */
    CharSequence header(CharSequence name);

    /** The index of the first header named {@code name} (ignoring case) at or after {@code from}, or -1. */
    int indexOfHeader(CharSequence name, int from);
}
