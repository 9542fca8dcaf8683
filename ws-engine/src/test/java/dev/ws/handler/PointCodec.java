package dev.ws.handler;

import java.lang.reflect.Type;

/** A toy codec: {@link Point} as "x,y", for tests without a JSON library. */
final class PointCodec implements MessageCodec {

    record Point(int x, int y) {
    }

    @Override
    public Object decode(String text, Type type) {
        if (type != Point.class) {
            throw new IllegalArgumentException("cannot decode " + type);
        }
        String[] parts = text.split(",");
        return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    @Override
    public String encode(Object value) {
        if (value instanceof Point p) {
            return p.x() + "," + p.y();
        }
        throw new IllegalArgumentException("cannot encode " + value);
    }
}
