package dev.ws.handler;

/**
 * A message (or a path variable) could not be converted to the type a handler method asked for.
 * The peer sent something the endpoint cannot read, so unless an {@link OnError} method handles
 * it the session is closed with 1007 (RFC 6455 §7.4.1: data not consistent with the message type).
 */
public class DecodeException extends RuntimeException {

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
