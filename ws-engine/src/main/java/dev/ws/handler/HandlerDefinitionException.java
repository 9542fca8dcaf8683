package dev.ws.handler;

/**
 * A handler class is not a valid endpoint: a callback has a parameter that cannot be bound, two
 * callbacks of a kind collide, a path variable is not in the template, and so on. Thrown once,
 * when the endpoint is created; the message names the class, the method and what is wrong.
 */
public class HandlerDefinitionException extends IllegalStateException {

    public HandlerDefinitionException(String message) {
        super(message);
    }

    public HandlerDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
