package dev.ws.server;

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

/** A bare-bones test client on a blocking socket: writes raw bytes, reads raw frames. */
final class RawClient implements AutoCloseable {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    String responseHead;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static RawClient connect(int port, String path) throws IOException {
        RawClient c = new RawClient(port);
        c.out.write(request(path, "").getBytes(StandardCharsets.US_ASCII));
        c.readHead();
        if (!c.responseHead.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + c.responseHead);
        }
        return c;
    }

    static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    /** Reads the response head up to the blank line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        responseHead = head.toString(StandardCharsets.US_ASCII);
        return responseHead;
    }

    void send(OpCode op, byte[] payload) throws IOException {
        FrameIO.writeFrame(out, new Frame(true, 0, op, ByteBuffer.wrap(payload)), Side.CLIENT, MaskGenerator.secure());
    }

    void sendText(String text) throws IOException {
        send(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    Frame read() throws IOException {
        return FrameIO.readFrame(in, Side.CLIENT, 1 << 26, false);
    }

    /** Reads frames until a close frame and returns its status. */
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

    /** Whether the server closed the TCP connection within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
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
}
