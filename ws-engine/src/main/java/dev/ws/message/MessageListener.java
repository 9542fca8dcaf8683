package dev.ws.message;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;

/**
 * Receives what a {@link MessageAssembler} decodes: whole data messages and control frames.
 *
 * <p>Order of calls, for one connection:
 * <pre>
 *   events  := (message | control)* [onClose]
 *   message := onText | onBinary           (once per whole message, after its final frame)
 *   control := onPing | onPong             (at once, even between the fragments of a message:
 *                                           a ping inside a fragmented message comes before it)
 * </pre>
 * Nothing follows {@code onClose}. A failure ({@link dev.ws.WebSocketException} from
 * {@link MessageAssembler#feed}) ends the calls without {@code onClose}.
 *
 * <p><b>Buffer ownership:</b> every buffer handed over is a view valid <b>only during the call</b>:
 * it may be the caller's input buffer itself, windowed to the payload, or the assembler's
 * internal buffer. Read it (position to limit), or copy what must outlive the call; never keep
 * it. Moving its position or limit is allowed and undone after the call; writing into it is not.
 *
 * <p>Called on the thread that calls {@link MessageAssembler#feed}, one call at a time. The
 * listener must not call {@code feed} of the same assembler from inside a callback; it may call
 * {@link MessageAssembler#close()}, after which {@code feed} returns and ignores the rest. The assembler
 * never replies by itself: answering pings with pongs and closes with a close frame is the
 * listener's job.
 */
public interface MessageListener {

    /** A whole text message; its bytes are valid UTF-8 (RFC 6455 §8.1). */
    void onText(ByteBuffer utf8);

    /** A whole binary message. */
    void onBinary(ByteBuffer data);

    /** A ping (0–125 bytes); RFC 6455 §5.5.2 asks for a pong with the same payload. */
    void onPing(ByteBuffer payload);

    /** A pong (0–125 bytes), solicited or not (RFC 6455 §5.5.3). */
    void onPong(ByteBuffer payload);

    /**
     * A valid close frame (checked by {@link CloseStatus#parse}): {@link CloseStatus#NO_STATUS}
     * (1005) when it had no body. The assembler ignores every byte fed after it.
     */
    void onClose(CloseStatus status);
}
