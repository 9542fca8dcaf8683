/**
 * Runnable counterparts of the gobwas/ws README examples, each a class with a {@code main} and a
 * {@code serve(ServerSocket)} that tests call, written as a Java 21 program would: a
 * {@link java.net.ServerSocket}, a virtual thread per connection, blocking streams and
 * try-with-resources. They use the engine's blocking layers ({@code dev.ws} frame I/O and
 * handshake, {@code dev.ws.message}, {@code dev.ws.deflate}); {@link dev.ws.examples.EchoServer}
 * runs on the NIO server instead. {@link dev.ws.examples.Main} is the entry point of
 * {@code ws-examples.jar}, whose {@code blocking} and {@code server} modes are the echo servers the
 * conformance suite runs against (RFC 6455, RFC 7692).
 *
 * <p>No example shares state between connections except immutable configuration (upgraders,
 * permessage-deflate settings, the JSON mapper); each connection's thread is the only one that
 * touches its socket.
 */
package dev.ws.examples;
