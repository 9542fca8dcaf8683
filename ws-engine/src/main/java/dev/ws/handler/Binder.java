package dev.ws.handler;

/** Produces one argument of a handler method from a {@link Call}; chosen once, at startup. */
@FunctionalInterface
interface Binder {

    /** @throws DecodeException when the message or a path variable does not convert */
    Object bind(Call call) throws Exception;
}
