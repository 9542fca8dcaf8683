package dev.ws.message;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;

/**
 * Receives what a {@link MessageAssembler} decodes. Every buffer is a view that is valid
 * <b>only during the call</b> (it may be the caller's read buffer): copy what you keep. Calls come
 * from the thread that called {@link MessageAssembler#feed}, in the order the peer sent them;
 * control frames that arrive between the fragments of a message are delivered at once.
 * <pre>
 *   stream := (onText | onBinary | onPing | onPong)* onClose?
 * </pre>
 */
public interface MessageListener {

    /** A whole text message, already validated as UTF-8. */
    void onText(ByteBuffer utf8);

    /** A whole binary message. */
    void onBinary(ByteBuffer data);

    /** A ping; the listener sends the pong (RFC 6455 §5.5.2). */
    void onPing(ByteBuffer payload);

    void onPong(ByteBuffer payload);

    /** The peer's close frame, validated; the assembler ignores any byte fed after it. */
    void onClose(CloseStatus status);
}
