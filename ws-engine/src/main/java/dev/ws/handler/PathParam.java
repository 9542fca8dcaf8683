package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a variable of the endpoint's path template to a parameter: {@code @PathParam("room")} for
 * {@code /chat/{room}}. Supported types: {@code String}, {@code int}, {@code long},
 * {@code boolean} (and their boxes), {@link java.util.UUID} and enums; a value that does not
 * convert is a {@link DecodeException}. The name must be a variable of the template.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathParam {

    /** The variable name; empty (the default) takes the parameter's name (compile with {@code -parameters}). */
    String value() default "";
}
