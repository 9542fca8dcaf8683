/**
 * permessage-deflate (RFC 7692), what gobwas/ws calls wsflate: strict parsing and rendering of the
 * extension's parameters (§7.1), negotiation for servers and clients (§5, §7.1), and the compression
 * state of each connection (§7.2): {@link dev.ws.deflate.MessageDeflater} compresses outgoing
 * messages, {@link dev.ws.deflate.MessageInflater} is the message layer's inbound extension.
 *
 * <p>Entry point: {@link dev.ws.deflate.PerMessageDeflate} (configuration and
 * {@link dev.ws.ExtensionNegotiator}); its result, {@link dev.ws.deflate.NegotiatedDeflate}, creates the
 * per-connection state. Compression is pluggable ({@link dev.ws.deflate.Compressor},
 * {@link dev.ws.deflate.Decompressor}); the default uses the JDK's zlib, and a pure-Java deflater for
 * windows under 15 bits, so that every window we agree to is kept.
 *
 * <p>What it never does: no socket I/O (callers hand in buffers or streams), no framing (callers
 * set RSV1 on a compressed message's first frame), no logging. Native zlib state is never held by
 * an idle connection without context takeover, and is always ended: when a connection closes its
 * deflater and inflater, or when a pool is full or cleared.
 */
package dev.ws.deflate;
