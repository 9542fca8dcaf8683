package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a session is opened, before any message of it. At most one per endpoint.
 * Parameters: any of {@link dev.ws.server.WebSocketSession}, {@link HandshakeInfo},
 * {@link java.security.Principal}, {@link WsSessionRegistry} and {@link PathParam} values. A
 * non-void return value is sent to the session (see {@link OnMessage} for how it is encoded).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
