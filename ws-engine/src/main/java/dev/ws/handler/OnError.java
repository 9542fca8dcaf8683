package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles an exception thrown by another callback of the same endpoint (or a
 * {@link DecodeException} for a message the codec could not read). Each method takes exactly one
 * {@link Throwable} parameter; its type selects the exceptions it handles, and the method with
 * the closest matching type wins. Several may exist, each with a different type. Other parameters
 * are those {@link OnOpen} accepts; a non-void return value is sent as a reply.
 *
 * <p>An exception a method handles leaves the session open and is not logged. One that no method
 * handles, or that an {@code @OnError} method throws, is logged once and closes the session: with
 * its close code for a {@link dev.ws.WebSocketException}, 1007 for a {@link DecodeException},
 * otherwise 1011.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
}
