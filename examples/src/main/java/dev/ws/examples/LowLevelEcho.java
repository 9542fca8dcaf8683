package dev.ws.examples;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.HandshakeRejectedException;
import dev.ws.Masking;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolChecks;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * The README's "lower-level example without wsutil": read a header, read the payload, unmask it,
 * clear the mask bit, write the header and the payload back ({@code ws.ReadHeader},
 * {@code io.ReadFull}, {@code ws.Cipher}, {@code ws.WriteHeader}).
 *
 * <p>Frames, not messages, are echoed: a fragmented message goes back fragment by fragment. Per
 * connection there is one {@link FrameHeader}, one 14-byte header scratch and one payload buffer,
 * all reused for every frame; the payload buffer grows to the largest frame seen, up to
 * {@value #MAX_PAYLOAD} bytes. What the README leaves out, and a server must not:
 * <ul>
 *   <li>each header is checked ({@link ProtocolChecks#checkHeader}: opcode, RSV bits, mask bit,
 *       control frame rules, continuation order) and its length against the limit before anything
 *       is allocated; a violation is answered with its close code (1002, 1009);</li>
 *   <li>a ping is answered with a pong (the README echoes it as a ping), a pong is dropped, and a
 *       close is checked ({@link CloseStatus#parse}) and echoed, which ends the connection.</li>
 * </ul>
 * Text is not checked as UTF-8 at this level: frames go back as they came, and the client checks
 * them. {@link HighLevelEcho} has every check.
 */
public final class LowLevelEcho {

    /** The largest frame payload accepted: 1 MiB. */
    static final int MAX_PAYLOAD = 1 << 20;
    /** The payload buffer's first size; it doubles as larger frames come. */
    private static final int INITIAL_PAYLOAD = 4096;

    private static final System.Logger LOG = System.getLogger(LowLevelEcho.class.getName());
    private static final Upgrader UPGRADER = Upgrader.builder().build();

    private LowLevelEcho() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("frame echo on ws://127.0.0.1:" + listener.getLocalPort() + "/");
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
            Thread.ofVirtual().name("frame-echo-", socket.getPort()).start(() -> handle(socket));
        }
    }

    private static void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // frames go out whole: Nagle could only delay them
            InputStream in = new BufferedInputStream(socket.getInputStream());
            // Header and payload are two writes; the buffer makes them one packet for small frames.
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), INITIAL_PAYLOAD + 16);
            try {
                socket.setSoTimeout(Connections.HANDSHAKE_TIMEOUT_MILLIS); // a client stalling in the handshake
                InputStream frames = UPGRADER.upgrade(in, out).input();
                socket.setSoTimeout(0); // then messages may come as slowly as they like
                echo(frames, out);
            } catch (HandshakeRejectedException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} refused: {1}", socket.getRemoteSocketAddress(), e.toString());
            } catch (WebSocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
                FrameIO.writeFrame(out, Frame.close(e.closeStatus()), Side.SERVER, null);
                out.flush();
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    /**
     * Echoes frames until the client's close frame (echoed) or the end of the stream.
     *
     * @throws WebSocketException on a protocol violation, for the caller to answer with its close code
     */
    static void echo(InputStream in, OutputStream out) throws IOException {
        FrameHeader header = new FrameHeader();
        byte[] scratch = new byte[FrameHeader.MAX_HEADER_SIZE];
        byte[] payload = new byte[INITIAL_PAYLOAD];
        boolean fragmented = false; // a data message's non-final frame was seen
        while (FrameIO.readHeader(in, scratch, header)) {
            ProtocolChecks.checkHeader(header, Side.SERVER, 0, fragmented);
            if (header.length() > MAX_PAYLOAD) {
                throw new MessageTooBigException("frame payload " + header.length() + " exceeds " + MAX_PAYLOAD);
            }
            int length = (int) header.length();
            if (length > payload.length) {
                payload = new byte[Math.min(MAX_PAYLOAD, Math.max(length, 2 * payload.length))];
            }
            FrameIO.readFully(in, payload, 0, length);
            if (header.masked()) {
                Masking.apply(payload, 0, length, header.maskKey(), 0);
            }
            // Server frames are never masked (RFC 6455 §5.1).
            header.unmasked();

            switch (header.opcode()) {
                case OpCode.OP_PONG -> {
                    continue;
                }
                case OpCode.OP_PING -> header.set(true, 0, OpCode.OP_PONG, length); // §5.5.2
                case OpCode.OP_CLOSE -> CloseStatus.parse(ByteBuffer.wrap(payload, 0, length)); // 1002/1007 if bad
                default -> fragmented = !header.fin();
            }
            FrameIO.writeHeader(out, header, scratch);
            out.write(payload, 0, length);
            out.flush();
            if (header.opcode() == OpCode.OP_CLOSE) {
                return;
            }
        }
    }
}
