/**
 * Peer echo server for the load benchmark as Spring users run it today: Spring Boot 4,
 * {@code spring-boot-starter-websocket} on embedded Tomcat, a {@code WebSocketHandler} registered through
 * {@code WebSocketConfigurer} on {@code /echo} and one on {@code /broadcast}, with Tomcat's WebSocket message
 * buffers raised so 64 KiB messages fit. Run as {@code java -jar peer-spring-tomcat.jar --server.port=PORT}.
 *
 * <p>It implements the same endpoint contract as the other peers ({@code dev.ws.bench.peers}): {@code /echo} sends
 * every message back unchanged; on {@code /broadcast} a text message starting with {@code broadcast:} goes to every
 * open session of that endpoint, sender included, and any other message is echoed to its sender.
 */
package dev.ws.bench.spring;
