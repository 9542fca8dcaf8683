package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a WebSocket endpoint at a path template such as {@code /chat/{room}}. Its
 * methods annotated {@link OnOpen}, {@link OnMessage}, {@link OnClose} and {@link OnError} are the
 * callbacks; {@link AnnotatedEndpoint#create} checks them once and fails with a
 * {@link HandlerDefinitionException} naming the method when a signature is wrong.
 *
 * <p>One instance serves every session of the endpoint, so it must be thread-safe; per-session
 * state belongs in {@link dev.ws.server.WebSocketSession#attributes()}. The annotation is inherited,
 * so subclasses (and subclassing proxies) are endpoints too. A class that implements
 * {@link dev.ws.server.WebSocketHandler} itself is routed as it is, without method discovery.
 *
 * <pre>{@code
 * @WsHandler("/chat/{room}")
 * class ChatHandler {
 *     @OnMessage
 *     Reply onMessage(ChatMessage msg, @PathParam("room") String room, WebSocketSession session) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WsHandler {

    /** The path template: literal segments and whole-segment variables, e.g. {@code /chat/{room}}. */
    String value();

    /**
     * Subprotocols this endpoint speaks, in preference order; the first one the client offers that
     * is listed here is selected. Empty (the default): none is negotiated.
     */
    String[] subprotocols() default {};
}
