package dev.ws.server;

import dev.ws.OpCode;
import java.nio.ByteBuffer;

/**
 * Sees what each session receives and sends, frame by frame, for traffic logging and debugging.
 * Off unless set with {@link WebSocketServer.Builder#frameListener}: without one the engine does
 * nothing per frame beyond a null check, so it costs no allocation.
 *
 * <p>What is reported, per session:
 * <pre>
 *   received := onReceived(TEXT | BINARY)      once per whole data message; a fragmented message
 *                                              is reported once, reassembled (and inflated)
 *             | onReceived(PING | PONG | CLOSE) once per control frame, as it arrives
 *   sent     := onSent(TEXT | BINARY)           once per message the queue accepted (the server
 *                                              sends each message as one frame), before compression
 *             | onSent(PING | PONG | CLOSE)     once per control frame the queue accepted, the
 *                                              engine's own (pong replies, keep-alive pings) included
 * </pre>
 * A send the session refuses (closed, slow consumer) is not reported. A close payload is the
 * frame's body as on the wire (code, then reason; empty for 1005).
 *
 * <p>Calls come from event loops (received, engine-initiated frames) and from whichever thread
 * sends, so they must be fast, must not block and must be thread-safe. The payload is a read-only
 * view valid only during the call: read it, or copy what must outlive the call.
 */
public interface FrameListener {

    /** A frame (or whole data message) arrived from the peer. */
    void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload);

    /** A frame was accepted into the session's outbound queue. */
    void onSent(WebSocketSession session, OpCode type, ByteBuffer payload);
}
