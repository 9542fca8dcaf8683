package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called exactly once when an opened session ends, whoever closed it. At most one per endpoint;
 * it must return {@code void} (nothing can be sent any more). Parameters: a
 * {@link dev.ws.CloseStatus} (the peer's close code and reason, the one the engine sent, or 1006
 * when the connection dropped), and any of the parameters {@link OnOpen} accepts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnClose {
}
