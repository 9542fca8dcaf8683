/**
 * HTTP head scanning for the handshake (RFC 7230 §3.2, §7; RFC 6455 §4, §9.1; RFC 6265 §5.4): character
 * classes ({@link dev.ws.http.HttpChars}), comma-separated token lists
 * ({@link dev.ws.http.HeaderValues}), option lists with parameters such as
 * {@code Sec-WebSocket-Extensions} ({@link dev.ws.http.HeaderOptions}, producing
 * {@link dev.ws.http.HeaderOption}s), cookies ({@link dev.ws.http.Cookies}) and the read-only
 * {@link dev.ws.http.RequestView} that handshake callbacks see.
 *
 * <p>Values are read in place, from bytes or any {@link java.lang.CharSequence}; the byte forms the
 * upgrader uses on its hot path allocate nothing. Malformed peer input is reported as a result (a
 * false, a skipped element), never as an exception. No I/O here, no header maps, and nothing that
 * knows about WebSocket frames: this package depends on the JDK only.
 */
package dev.ws.http;
