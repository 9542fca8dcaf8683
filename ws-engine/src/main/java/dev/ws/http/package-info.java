/**
 * HTTP head scanning for the handshake (RFC 7230 §3.2, RFC 6455 §4, §9.1): tokens, comma lists,
 * options with parameters ({@code Sec-WebSocket-Extensions}) and cookies, read in place from the
 * bytes received. No I/O here, and no header maps: callers ask for the values they need.
 */
package dev.ws.http;
