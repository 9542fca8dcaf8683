package dev.ws.handler;

import dev.ws.CloseStatus;
import dev.ws.server.WebSocketSession;

/**
 * The inputs of one callback invocation, from which {@link Binder}s take the arguments.
 *
 * @param session the session
 * @param message the message: a {@code String} for text, a {@code ByteBuffer} for binary, else null
 * @param status  the close status for {@link OnClose}, else null
 * @param error   the exception for {@link OnError}, else null
 */
record Call(WebSocketSession session, Object message, CloseStatus status, Throwable error) {
}
