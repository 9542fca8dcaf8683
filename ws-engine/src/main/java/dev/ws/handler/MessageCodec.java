package dev.ws.handler;

import java.lang.reflect.Type;

/**
 * Turns text messages into objects and objects into text messages, for {@link OnMessage}
 * parameters and return values that are not strings or bytes, and for
 * {@link WsSessionRegistry#prepare(Object)}. Implementations must be thread-safe: one codec serves
 * every session. Spring Boot supplies one backed by the application's Jackson {@code JsonMapper}.
 */
public interface MessageCodec {

    /**
     * Reads a text message as the given type (a {@code Class} or a parameterised type such as
     * {@code List<Item>}).
     *
     * @throws Exception when the text is not a valid value of the type; the endpoint reports it
     *                   as a {@link DecodeException}
     */
    Object decode(String text, Type type) throws Exception;

    /** Writes a value as the text of a message. */
    String encode(Object value) throws Exception;
}
