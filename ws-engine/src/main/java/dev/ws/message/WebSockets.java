package dev.ws.message;

import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One-call helpers for blocking code, like gobwas's {@code wsutil.ReadClientData} and
 * {@code WriteServerMessage}: read a whole data message while answering control frames, or write
 * one. They allocate per call (the message, a reader, a writer) and keep no state between calls, so
 * they suit simple loops:
 * <pre>{@code
 * for (Message m; (m = WebSockets.readClientData(in, out)) != null; ) {
 *     WebSockets.writeServerMessage(out, m.opCode(), m.payload());
 * }
 * }</pre>
 * The read helpers answer pings with pongs, a close with the same close, and a protocol failure
 * with its close code, on {@code out}. Writes from other threads to the same stream are not
 * serialised with those answers: for concurrent writers share one {@link FrameWriter} and use
 * {@link MessageReader} with a {@link DefaultControlHandler} on it.
 */
public final class WebSockets {

    private WebSockets() {
    }

    /**
     * Server side: reads the next data message a client sent, within {@code limits}, answering
     * control frames on {@code out}.
     *
     * @return the message, or null when the stream ended cleanly between messages
     * @throws ConnectionClosedException    when the client sent a close frame (answered already)
     * @throws dev.ws.WebSocketException   on a protocol failure (answered with its close code)
     */
    public static Message readClientData(InputStream in, OutputStream out, MessageLimits limits)
            throws IOException {
        return readData(in, FrameWriter.server(out), limits);
    }

    /** {@link #readClientData(InputStream, OutputStream, MessageLimits)} with {@link MessageLimits#DEFAULT}. */
    public static Message readClientData(InputStream in, OutputStream out) throws IOException {
        return readClientData(in, out, MessageLimits.DEFAULT);
    }

    /** Client side: reads the next data message a server sent; answers are masked. Otherwise as {@link #readClientData}. */
    public static Message readServerData(InputStream in, OutputStream out, MessageLimits limits)
            throws IOException {
        return readData(in, FrameWriter.client(out), limits);
    }

    /** {@link #readServerData(InputStream, OutputStream, MessageLimits)} with {@link MessageLimits#DEFAULT}. */
    public static Message readServerData(InputStream in, OutputStream out) throws IOException {
        return readServerData(in, out, MessageLimits.DEFAULT);
    }

    /** Server side: writes {@code payload} as one unmasked final frame. */
    public static void writeServerMessage(OutputStream out, OpCode opCode, byte[] payload) throws IOException {
        FrameWriter.server(out).writeMessage(opCode, payload);
    }

    /**
     * Client side: writes {@code payload} as one final frame masked with a fresh key from
     * {@link MaskGenerator#secure()}. The masking happens in a copy: {@code payload} is untouched.
     */
    public static void writeClientMessage(OutputStream out, OpCode opCode, byte[] payload) throws IOException {
        FrameWriter.client(out).writeMessage(opCode, payload);
    }

    private static Message readData(InputStream in, FrameWriter out, MessageLimits limits) throws IOException {
        Side reading = out.side();
        MessageReader reader = new MessageReader(in, reading, limits, new DefaultControlHandler(out));
        MessageInputStream message = reader.nextMessage();
        if (message == null) {
            return null;
        }
        byte[] payload = message.readAllBytes();
        message.close(); // reads the end of the message: a text's last code point is checked there
        return new Message(message.opCode(), payload);
    }
}
