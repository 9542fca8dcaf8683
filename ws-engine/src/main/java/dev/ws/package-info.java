/**
 * Frame core (RFC 6455 §5): opcodes, the reusable frame header, close codes, masking, UTF-8
 * validation, protocol checks, and a resumable {@link java.nio.ByteBuffer} decoder and encoder with
 * blocking stream helpers on top. Also the server's opening handshake (RFC 6455 §4.2): the shared,
 * sans-I/O {@link dev.ws.Upgrader} with its callbacks, {@link dev.ws.HandshakeResult},
 * {@link dev.ws.HandshakeRejectedException} and {@link dev.ws.AcceptKey}.
 *
 * <p>No I/O happens here except in the blocking helpers, which read and write the streams their
 * callers hand in. Nothing here allocates per frame on the low-level path: callers own the buffers,
 * payloads are views of them, and masking works in place. A typical upgrade allocates nothing
 * either: the request head is parsed in a copy the reused {@code HandshakeResult} owns.
 */
package dev.ws;
