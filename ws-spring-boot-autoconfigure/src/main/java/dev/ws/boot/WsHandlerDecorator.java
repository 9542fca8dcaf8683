package dev.ws.boot;

import dev.ws.server.WebSocketHandler;

/**
 * Wraps the handler of each {@code @WsHandler} endpoint before it is routed, e.g. to observe every
 * message (the starter's observations do). Beans of this type are applied in
 * {@link org.springframework.core.Ordered} order, the first one innermost. Routes a
 * {@code WsServerCustomizer} adds to the builder itself are not decorated.
 */
@FunctionalInterface
public interface WsHandlerDecorator {

    /**
     * Called once per endpoint at startup.
     *
     * @param pathTemplate the endpoint's path template, e.g. {@code /chat/{room}}
     * @param handler      the handler (or what earlier decorators made of it)
     * @return the handler to route: {@code handler} itself, or one that delegates to it
     */
    WebSocketHandler decorate(String pathTemplate, WebSocketHandler handler);
}
