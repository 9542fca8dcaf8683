package dev.ws.examples;

import dev.ws.Handshake;
import dev.ws.HandshakeRejectedException;
import dev.ws.InvalidPayloadException;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.Utf8Validator;
import dev.ws.WebSocketException;
import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.MessageInflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.message.ConnectionClosedException;
import dev.ws.message.DefaultControlHandler;
import dev.ws.message.FrameWriter;
import dev.ws.message.MessageInputStream;
import dev.ws.message.MessageLimits;
import dev.ws.message.MessageReader;
import dev.ws.message.MessageWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The README's "use compression with wsutil" example: a message reader and writer with
 * permessage-deflate stream wrappers, and a copy from one to the other.
 *
 * <table>
 *   <caption>gobwas → here</caption>
 *   <tr><td>{@code wsutil.Reader{State: StateExtended, Extensions: {&msg}}}</td>
 *       <td>{@code new MessageReader(...).allowedRsv(MessageDeflater.RSV)}</td></tr>
 *   <tr><td>{@code msg.IsCompressed()}</td><td>{@code message.rsv() != 0}</td></tr>
 *   <tr><td>{@code fr.Reset(rd)} ({@code wsflate.NewReader})</td>
 *       <td>{@code inflater.newInputStream(message, max)}</td></tr>
 *   <tr><td>{@code wr.Reset(..., h.OpCode)} + {@code msg.SetCompressed(true)}</td>
 *       <td>{@code frames.newMessage(opCode, size, MessageDeflater.RSV)}</td></tr>
 *   <tr><td>{@code fw.Reset(wr)} ({@code wsflate.NewWriter})</td>
 *       <td>{@code deflater.newOutputStream(writer)}</td></tr>
 *   <tr><td>{@code io.Copy(fw, fr)}, {@code fw.Close()}, {@code wr.Flush()}</td>
 *       <td>{@link #copy}, then closing the deflating stream (which ends the message)</td></tr>
 * </table>
 *
 * Unlike the README, which skips them, uncompressed messages are echoed too (compressed: a
 * permessage-deflate connection may send either way, RFC 7692 §6). The inflater and deflater are
 * the connection's: they carry the LZ77 window from message to message when context takeover was
 * agreed, and borrow pooled zlib state per message when it was not. The echo streams: a large
 * message goes back in fragments while it is still arriving, in memory of a few buffers.
 * {@link HighLevelEcho} (the {@code blocking} mode) uses {@link #echo} on connections that
 * negotiated compression, so the conformance suite's sections 12 and 13 run through it.
 */
public final class StreamCompressionEcho {

    /** Payload bytes per outgoing fragment, and the copy buffer. */
    static final int BUFFER_SIZE = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(StreamCompressionEcho.class.getName());
    private static final PerMessageDeflate DEFLATE = PerMessageDeflate.builder()
            .outboundContextTakeover(true)
            .inboundContextTakeover(true)
            .build();
    /** Refuses clients that do not take permessage-deflate: the last hook sees what was negotiated. */
    private static final Upgrader UPGRADER = Upgrader.builder()
            .extension(DEFLATE)
            .beforeUpgrade((head, result) -> {
                if (Connections.deflate(result.extensions()) == null) {
                    throw new HandshakeRejectedException(400, "this endpoint needs permessage-deflate");
                }
                return null;
            })
            .build();

    private StreamCompressionEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("compressing echo on ws://127.0.0.1:" + listener.getLocalPort() + "/");
            serve(listener);
        }
    }

    /** Accepts connections until {@code listener} is closed, a virtual thread each. */
    public static void serve(ServerSocket listener) throws IOException {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (listener.isClosed()) {
                    return;
                }
                throw e;
            }
            Thread.ofVirtual().name("deflate-echo-", socket.getPort()).start(() -> handle(socket));
        }
    }

    private static void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // frames go out whole: Nagle could only delay them
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                socket.setSoTimeout(Connections.HANDSHAKE_TIMEOUT_MILLIS); // a client stalling in the handshake
                Handshake handshake = UPGRADER.upgrade(in, out);
                socket.setSoTimeout(0); // then messages may come as slowly as they like
                echo(handshake.input(), out, Connections.deflate(handshake.result().extensions()),
                        MessageLimits.DEFAULT);
            } catch (HandshakeRejectedException | ConnectionClosedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            } catch (WebSocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    /**
     * Echoes every message of a connection that negotiated {@code deflate}, compressed. Limits
     * apply to what arrives on the wire and, for a compressed message, to what it inflates to.
     * Returns at a clean end of stream; throws {@link ConnectionClosedException} once the client
     * closed (answered), or a {@link WebSocketException} after its close code was sent.
     */
    public static void echo(InputStream in, OutputStream out, NegotiatedDeflate deflate, MessageLimits limits)
            throws IOException {
        FrameWriter frames = FrameWriter.server(out);
        MessageReader reader = new MessageReader(in, Side.SERVER, limits, new DefaultControlHandler(frames))
                .allowedRsv(MessageDeflater.RSV);
        byte[] buffer = new byte[BUFFER_SIZE];
        try (MessageInflater inflater = deflate.newInflater(); MessageDeflater deflater = deflate.newDeflater()) {
            MessageInputStream message;
            while ((message = reader.nextMessage()) != null) {
                boolean compressed = message.rsv() != 0;
                InputStream plain = compressed ? inflater.newInputStream(message, limits.maxMessageSize()) : message;
                // The reader checks uncompressed text itself; inflated text is checked here.
                Utf8Validator utf8 = compressed && message.opCode() == OpCode.TEXT ? new Utf8Validator() : null;
                try (MessageWriter writer = frames.newMessage(message.opCode(), BUFFER_SIZE, MessageDeflater.RSV);
                     OutputStream compressing = deflater.newOutputStream(writer)) {
                    try {
                        copy(plain, compressing, buffer, utf8);
                    } catch (WebSocketException e) {
                        // close first, so that closing the writers cannot end the message on the wire
                        frames.close(e.closeStatus()); // nothing when the reader's handler answered already
                        throw e;
                    }
                } // closing the deflating stream ends the compressed data, then the message (FIN)
            }
        }
    }

    /**
     * {@code io.Copy}: moves every byte of {@code from} to {@code to} through {@code buffer},
     * checking them as UTF-8 when {@code utf8} is given.
     *
     * @throws InvalidPayloadException (1007) at the first chunk that is not UTF-8, or at the end
     *                                 when a code point is cut
     */
    static long copy(InputStream from, OutputStream to, byte[] buffer, Utf8Validator utf8) throws IOException {
        long total = 0;
        int n;
        while ((n = from.read(buffer)) >= 0) {
            if (utf8 != null && !utf8.update(buffer, 0, n)) {
                throw new InvalidPayloadException("inflated text message is not valid UTF-8 (RFC 6455 §8.1)");
            }
            to.write(buffer, 0, n);
            total += n;
        }
        if (utf8 != null && !utf8.isComplete()) {
            throw new InvalidPayloadException("inflated text message ends inside a UTF-8 sequence");
        }
        return total;
    }
}
