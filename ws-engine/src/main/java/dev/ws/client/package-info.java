/**
 * The client (RFC 6455 §4.1, §5.3, §7): a {@link dev.ws.client.Dialer} opens {@code ws://} and
 * {@code wss://} connections, directly or through an HTTP CONNECT proxy, with TLS (SNI, host name
 * verification), subprotocols and extensions, and checks every rule of the server's 101 response.
 * Frames are decoded by the same {@link dev.ws.message.MessageAssembler} as on the server, starting
 * with any bytes that came with the 101 response, and sent masked with keys from a
 * {@link java.security.SecureRandom} pool. Two APIs: a blocking
 * {@link dev.ws.client.ClientConnection} ({@code receive()} on a virtual thread) and a
 * {@link dev.ws.client.ClientHandler}/{@link dev.ws.client.ClientSession} pair that mirrors the
 * server's. This layer never hands read-ahead bytes back to the caller, never sends unmasked frames,
 * and never waits without a timeout for a closing handshake.
 */
package dev.ws.client;
