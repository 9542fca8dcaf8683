package dev.ws.boot;

import dev.ws.handler.MessageCodec;
import java.lang.reflect.Type;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON through the application's Jackson 3 {@link JsonMapper}: what {@code @OnMessage} methods
 * take and return when it is not a string or bytes. Thread-safe, as the mapper is.
 */
public final class JacksonMessageCodec implements MessageCodec {

    private final JsonMapper mapper;

    public JacksonMessageCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object decode(String text, Type type) {
        return mapper.readValue(text, mapper.constructType(type));
    }

    @Override
    public String encode(Object value) {
        return mapper.writeValueAsString(value);
    }

    @Override
    public String toString() {
        return "JacksonMessageCodec";
    }
}
