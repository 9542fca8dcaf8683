package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.WebSocketException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Answers control frames the way RFC 6455 §5.5 asks, through a {@link FrameWriter}:
 * <ul>
 *   <li>ping: a pong with the same payload;</li>
 *   <li>pong: nothing;</li>
 *   <li>close: a close frame with the same code and reason (an empty one for a close without a
 *       body), unless this side already sent its close;</li>
 *   <li>error: a close frame with the error's code (1002 for an invalid close code or a 1-byte
 *       close, 1007 for an invalid reason or text, 1009 for a limit) and its message as the reason.</li>
 * </ul>
 * Unlike gobwas's handler it echoes the reason too (gobwas/ws#94). Extend it to observe control
 * frames (say, pongs for a keep-alive) and call {@code super} to keep the answers. Thread-safe as
 * far as its {@link FrameWriter} is: pongs can go out while another thread writes a message.
 */
public class DefaultControlHandler implements ControlHandler {

    private final FrameWriter out;

    public DefaultControlHandler(FrameWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The writer the answers go to. */
    protected final FrameWriter writer() {
        return out;
    }

    @Override
    public void onPing(ByteBuffer payload) throws IOException {
        out.pong(payload);
    }

    @Override
    public void onPong(ByteBuffer payload) {
    }

    @Override
    public void onClose(CloseStatus status) throws IOException {
        out.close(status);
    }

    @Override
    public void onError(WebSocketException error) throws IOException {
        out.close(error.closeStatus());
    }
}
