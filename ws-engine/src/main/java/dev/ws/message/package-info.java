/**
 * Messages over frames (RFC 6455 §5.4–§5.6), what gobwas/ws calls wsutil: assembling fragments,
 * handling control frames that arrive in the middle of a message, UTF-8 validation of text, size
 * limits per frame and per message, and blocking reader/writer streams and helpers on top.
 */
package dev.ws.message;
