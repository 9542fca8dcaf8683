package dev.ws.examples;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.Handshake;
import dev.ws.HandshakeRejectedException;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.Upgrader;
import dev.ws.WebSocketException;
import dev.ws.deflate.DeflateFrames;
import dev.ws.deflate.PerMessageDeflate;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The README's first wsflate example, compression at the frame level: the upgrader negotiates
 * permessage-deflate ({@code Negotiate: e.Negotiate}), and each frame is read whole, inflated when it
 * carries RSV1 ({@code wsflate.IsCompressed}, {@code wsflate.DecompressFrame}), and answered with
 * an acknowledgement that is compressed ({@code wsflate.CompressFrame}) and written whole
 * ({@code ws.WriteFrame}).
 *
 * <p>{@link DeflateFrames} takes no context over and works on whole messages, so it fits any
 * negotiation; a compressed message in several fragments is refused with 1002, which is this form's
 * limit ({@link StreamCompressionEcho} handles them). Unlike the README, the acknowledgement is
 * compressed only when compression was negotiated (otherwise RSV1 would be a protocol error), pings
 * are answered and a close is echoed. {@link PerMessageDeflate} is shared and immutable, so nothing
 * needs resetting between upgrades ({@code e.Reset()} in the README).
 */
public final class FrameCompression {

    /** The largest frame payload accepted, compressed or inflated: 1 MiB. */
    static final long MAX_PAYLOAD = 1 << 20;

    private static final System.Logger LOG = System.getLogger(FrameCompression.class.getName());
    private static final Upgrader UPGRADER = Upgrader.builder().extension(PerMessageDeflate.withDefaults()).build();

    private FrameCompression() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        try (ServerSocket listener = new ServerSocket(port)) {
            System.out.println("acknowledging frames on ws://127.0.0.1:" + listener.getLocalPort() + "/");
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
            Thread.ofVirtual().name("ack-", socket.getPort()).start(() -> handle(socket));
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
                boolean compress = Connections.deflate(handshake.result().extensions()) != null;
                if (!compress) {
                    LOG.log(System.Logger.Level.INFO, "didn''t negotiate compression for {0}",
                            socket.getRemoteSocketAddress());
                }
                acknowledge(handshake.input(), out, compress);
            } catch (HandshakeRejectedException e) {
                LOG.log(System.Logger.Level.INFO, "upgrade error: {0}", e.toString());
            } catch (WebSocketException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0} failed: {1}", socket.getRemoteSocketAddress(), e.getMessage());
                FrameIO.writeFrame(out, Frame.close(e.closeStatus()), Side.SERVER, null);
            }
            Connections.closeGracefully(socket, in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    /**
     * Answers each data frame with {@code "ack N bytes"} (N: its inflated length), compressed when
     * {@code compress}; returns after echoing the client's close, or at the end of the stream.
     *
     * @throws WebSocketException on a protocol violation or bad compressed data, for the caller to
     *                            answer with its close code
     */
    static void acknowledge(InputStream in, OutputStream out, boolean compress) throws IOException {
        int allowedRsv = compress ? FrameHeader.RSV1 : 0;
        boolean fragmented = false;
        Frame frame;
        while ((frame = FrameIO.readFrame(in, Side.SERVER, MAX_PAYLOAD, fragmented, allowedRsv)) != null) {
            switch (frame.opCode()) {
                case PING -> {
                    FrameIO.writeFrame(out, new Frame(true, 0, OpCode.PONG, frame.payload()), Side.SERVER, null);
                    continue;
                }
                case PONG -> {
                    continue;
                }
                case CLOSE -> {
                    CloseStatus status = CloseStatus.parse(frame.payload());
                    FrameIO.writeFrame(out, Frame.close(status), Side.SERVER, null);
                    return;
                }
                default -> fragmented = !frame.fin();
            }
            // Even after negotiation, both sides may send uncompressed messages (RFC 7692 §6).
            if ((frame.rsv() & FrameHeader.RSV1) != 0) {
                frame = DeflateFrames.decompress(frame, MAX_PAYLOAD);
            }

            // Do something with the frame: here, count its bytes.
            Frame ack = Frame.text("ack " + frame.length() + " bytes");
            if (compress) {
                ack = DeflateFrames.compress(ack);
            }
            FrameIO.writeFrame(out, ack, Side.SERVER, null);
        }
    }
}
