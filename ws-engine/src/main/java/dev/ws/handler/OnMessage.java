package dev.ws.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each whole message. Exactly one parameter is the message; its type says which
 * messages the method takes:
 * <ul>
 *   <li>text: {@code String}, {@code CharSequence}, {@link java.io.Reader}, or any other type,
 *       decoded from the text with the endpoint's {@link MessageCodec} (JSON with Jackson in
 *       Spring Boot);</li>
 *   <li>binary: {@code byte[]}, {@link java.nio.ByteBuffer} (in event-loop dispatch a view valid
 *       only during the call) or {@link java.io.InputStream}.</li>
 * </ul>
 * An endpoint has at most one text and at most one binary method; a message of a kind it has no
 * method for closes the session with 1003 (RFC 6455 §7.4.1). The other parameters are those
 * {@link OnOpen} accepts.
 *
 * <p>The return value is the reply: {@code null} or {@code void} sends nothing; a
 * {@code CharSequence} is sent as text; {@code byte[]} and {@code ByteBuffer} as binary; a
 * {@link dev.ws.server.PreparedMessage} as it is; anything else is encoded with the codec and
 * sent as text.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMessage {
}
