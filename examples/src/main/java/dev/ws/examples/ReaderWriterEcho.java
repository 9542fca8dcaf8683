package dev.ws.examples;

import dev.ws.Handshake;
import dev.ws.HandshakeRejectedException;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
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
 * The README's second example, "lower-level, but still high-level": a message reader and a message
 * writer per connection, and a stream copy between them ({@code wsutil.NewReader},
 * {@code wsutil.NewWriter}, {@code writer.Reset(conn, state, header.OpCode)}, {@code io.Copy},
 * {@code writer.Flush()}).
 *
 * <p>In Java the message is an {@link InputStream} ({@link MessageReader#nextMessage()}, -1 at its
 * end, across fragments) and the answer an {@link OutputStream} ({@link FrameWriter#newMessage},
 * opened with the received opcode); {@link InputStream#transferTo} is {@code io.Copy}, and closing
 * the writer sends the final frame, which is what {@code Flush} does in Go. Nothing holds a whole
 * message: each fragment goes back as soon as the writer's buffer is full, so memory per connection
 * is the writer's buffer and the copy buffer, whatever the message size. Pings are answered and a
 * close echoed by the reader's {@link DefaultControlHandler}, through the same {@link FrameWriter}.
 */
public final class ReaderWriterEcho {

    private static final System.Logger LOG = System.getLogger(ReaderWriterEcho.class.getName());
    private static final Upgrader UPGRADER = Upgrader.builder().build();

    private ReaderWriterEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("reader/writer echo on ws://127.0.0.1:" + listener.getLocalPort() + "/");
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
            Thread.ofVirtual().name("rw-echo-", socket.getPort()).start(() -> handle(socket));
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
                echo(handshake.input(), out);
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
     * Copies each message back as it arrives. Returns at a clean end of stream; throws
     * {@link ConnectionClosedException} once the client closed (answered), or the
     * {@link WebSocketException} that was answered with its close code.
     */
    static void echo(InputStream in, OutputStream out) throws IOException {
        FrameWriter frames = FrameWriter.server(out);
        MessageReader reader = new MessageReader(in, Side.SERVER, MessageLimits.DEFAULT,
                new DefaultControlHandler(frames));
        MessageInputStream message;
        while ((message = reader.nextMessage()) != null) {
            try (MessageWriter writer = frames.newMessage(message.opCode())) {
                message.transferTo(writer);
            }
        }
    }
}
