package dev.ws.reliability;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameIO;
import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test support: a raw peer on a blocking loopback socket that sends whatever bytes a test wants
 * (hostile ones included) and reads responses and frames as they arrive on the wire.
 */
final class Wire implements AutoCloseable {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final MaskGenerator MASKS = MaskGenerator.secure();

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    String responseHead;

    Wire(int port) throws IOException {
        this(port, 0);
    }

    /** Connects; a receive buffer size above 0 is set before connecting (a small window for non-readers). */
    Wire(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects and upgrades on {@code path}; fails unless the answer is 101. */
    static Wire open(int port, String path) throws IOException {
        return open(port, path, "", 0);
    }

    static Wire open(int port, String path, String extraHeaders, int receiveBuffer) throws IOException {
        Wire w = new Wire(port, receiveBuffer);
        w.out.write(request(path, extraHeaders).getBytes(StandardCharsets.ISO_8859_1));
        w.readHead();
        if (!w.responseHead.startsWith("HTTP/1.1 101")) {
            w.close();
            throw new IOException("not upgraded: " + w.responseHead);
        }
        return w;
    }

    /** A valid upgrade request for {@code path} with extra header lines (each ending in CRLF). */
    static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    /** Reads the response head up to the blank line (or what came before the end of the stream). */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        responseHead = head.toString(StandardCharsets.ISO_8859_1);
        return responseHead;
    }

    /** Reads the response body announced by Content-Length in {@link #responseHead}. */
    String readBody() throws IOException {
        int at = responseHead.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        if (at < 0) {
            return "";
        }
        int end = responseHead.indexOf('\r', at);
        int length = Integer.parseInt(responseHead.substring(at + "content-length:".length(), end).trim());
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    void send(Frame frame) throws IOException {
        FrameIO.writeFrame(out, frame, Side.CLIENT, MASKS);
    }

    void sendText(String text) throws IOException {
        send(Frame.text(text));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Reads one frame (of at most 64 MiB); null at a clean end of stream. */
    Frame read() throws IOException {
        return FrameIO.readFrame(in, Side.CLIENT, 1 << 26, false);
    }

    /** Reads frames until a close frame and returns its status; null when the stream ends first. */
    CloseStatus readClose() throws IOException {
        for (;;) {
            Frame f = read();
            if (f == null) {
                return null;
            }
            if (f.opCode() == OpCode.CLOSE) {
                return CloseStatus.parse(f.payload());
            }
        }
    }

    /** Whether the server closed the TCP connection within the socket timeout (reading and dropping bytes). */
    boolean closedByServer() throws IOException {
        try {
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The payload of a masked client frame, for raw writes: header and masked payload. */
    static byte[] clientFrame(boolean fin, int rsv, OpCode op, byte[] payload) {
        return new Frame(fin, rsv, op, ByteBuffer.wrap(payload)).compile(Side.CLIENT, MASKS);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
