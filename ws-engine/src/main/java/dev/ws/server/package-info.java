/**
 * The embedded server (what gobwas/ws leaves to its users): it listens on its own port, accepts on
 * NIO selector threads ("event loops"), upgrades in place in the loop's buffer, decodes frames with
 * the message layer, dispatches to {@link dev.ws.server.WebSocketHandler}s on virtual threads or on
 * the loop, and writes replies with gathering writes from a per-session queue bounded by watermarks.
 * Timeouts (handshake, idle, keep-alive, close), connection limits, TLS through {@code SSLEngine}
 * and graceful shutdown live here too. It never blocks an event loop and never lets a peer grow
 * memory without bound.
 */
package dev.ws.server;
