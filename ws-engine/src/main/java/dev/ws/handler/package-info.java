/**
 * Annotated endpoints, framework-neutral (no Spring here): {@link dev.ws.handler.WsHandler} on a
 * class, {@link dev.ws.handler.OnOpen}, {@link dev.ws.handler.OnMessage},
 * {@link dev.ws.handler.OnClose} and {@link dev.ws.handler.OnError} on its methods, and
 * {@link dev.ws.handler.AnnotatedEndpoint}, which checks the signatures once, builds a method
 * handle per callback, and adapts the class to a {@link dev.ws.server.WebSocketHandler}. Message
 * objects go through a pluggable {@link dev.ws.handler.MessageCodec};
 * {@link dev.ws.handler.WsSessionRegistry} keeps the open sessions by endpoint, group and user for
 * broadcast with frames encoded once. Across instances, a {@link dev.ws.handler.BroadcastBus}
 * carries each broadcast (a {@link dev.ws.handler.BroadcastTarget} and the payload) to the other
 * nodes, which deliver it to their own sessions; {@link dev.ws.handler.InMemoryBroadcastBus} links
 * the nodes of one JVM, and a lone one is the single-node default.
 *
 * <p>This layer sits on top of {@code dev.ws.server} and uses only its public API. It never does
 * I/O itself (a broker-backed bus lives outside the engine, in the Spring Boot starter), never
 * reflects per message, and never decides threading: callbacks run where the server's dispatch
 * mode runs them.
 */
package dev.ws.handler;
