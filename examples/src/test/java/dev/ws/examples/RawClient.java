package dev.ws.examples;

import dev.ws.CloseStatus;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.deflate.MessageDeflater;
import dev.ws.deflate.MessageInflater;
import dev.ws.deflate.NegotiatedDeflate;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.http.HeaderOptions;
import dev.ws.message.FrameWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A test client on a plain socket, for what the JDK client cannot do: see response headers and
 * individual frames, send raw bytes, and negotiate permessage-deflate (through the engine's
 * {@link PerMessageDeflate} in the client role). Frames it reads are not checked.
 */
final class RawClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 10_000;
    private static final long MAX_MESSAGE = 64L << 20;

    /** A frame as read, unmasked. */
    record WireFrame(boolean fin, int rsv, int opcode, byte[] payload) {
    }

    /** A whole message as read: its first frame's opcode and RSV bits, the (inflated) payload, its frame count. */
    record Received(int opcode, int rsv, byte[] payload, int frames) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final int status;
    /** Response headers, names in lower case, the last value of each. */
    final Map<String, String> headers = new LinkedHashMap<>();
    final NegotiatedDeflate deflate;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameWriter frames;
    private final MessageDeflater deflater;
    private final MessageInflater inflater;

    private RawClient(int port, String path, PerMessageDeflate offer, String... extraHeaders) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        boolean host = false;
        for (int i = 0; i < extraHeaders.length; i += 2) {
            request.append(extraHeaders[i]).append(": ").append(extraHeaders[i + 1]).append("\r\n");
            host |= extraHeaders[i].equalsIgnoreCase("Host");
        }
        if (!host) {
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        request.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        if (offer != null) {
            request.append("Sec-WebSocket-Extensions: ").append(HeaderOptions.format(offer.offers())).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String[] lines = readHead().split("\r\n");
        status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String accepted = headers.get("sec-websocket-extensions");
        deflate = offer == null || accepted == null ? null : offer.acceptResponse(HeaderOptions.parse(accepted));
        deflater = deflate == null ? null : deflate.newDeflater();
        inflater = deflate == null ? null : deflate.newInflater();
        frames = FrameWriter.client(out);
    }

    static RawClient connect(int port, String path, String... headers) throws IOException {
        return new RawClient(port, path, null, headers);
    }

    /** Connects offering permessage-deflate as {@code offer} describes. */
    static RawClient connectOffering(int port, String path, PerMessageDeflate offer) throws IOException {
        return new RawClient(port, path, offer);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    FrameWriter frames() {
        return frames;
    }

    void sendText(String text) throws IOException {
        frames.writeMessage(OpCode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a message compressed with the negotiated deflate: one frame with RSV1. */
    void sendCompressed(OpCode opCode, byte[] message) throws IOException {
        byte[] compressed = deflater.compress(message, 0, message.length);
        frames.writeMessage(opCode, MessageDeflater.RSV, compressed, 0, compressed.length);
    }

    /** Writes bytes as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    WireFrame readFrame() throws IOException {
        FrameHeader h = new FrameHeader();
        if (!FrameIO.readHeader(in, new byte[FrameHeader.MAX_HEADER_SIZE], h)) {
            throw new EOFException("the server closed the connection");
        }
        byte[] payload = new byte[(int) h.length()];
        FrameIO.readFully(in, payload, 0, payload.length);
        return new WireFrame(h.fin(), h.rsv(), h.opcode(), payload);
    }

    /**
     * The next data message or close frame (control frames in between are skipped); a message
     * whose first frame has RSV1 is inflated.
     */
    Received receive() throws IOException {
        WireFrame first;
        do {
            first = readFrame();
        } while (first.opcode() == OpCode.OP_PING || first.opcode() == OpCode.OP_PONG);
        if (first.opcode() == OpCode.OP_CLOSE) {
            return new Received(first.opcode(), first.rsv(), first.payload(), 1);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        int count = 1;
        WireFrame f = first;
        while (!f.fin()) {
            f = readFrame();
            if (f.opcode() != OpCode.OP_CONTINUATION) {
                continue; // a control frame between fragments
            }
            payload.writeBytes(f.payload());
            count++;
        }
        byte[] bytes = payload.toByteArray();
        if ((first.rsv() & FrameHeader.RSV1) != 0) {
            try (InputStream inflated = inflater.newInputStream(new ByteArrayInputStream(bytes), MAX_MESSAGE)) {
                bytes = inflated.readAllBytes();
            }
        }
        return new Received(first.opcode(), first.rsv(), bytes, count);
    }

    /** Reads up to the server's close frame and returns its status. */
    CloseStatus awaitClose() throws IOException {
        Received r;
        do {
            r = receive();
        } while (r.opcode() != OpCode.OP_CLOSE);
        return CloseStatus.parse(ByteBuffer.wrap(r.payload()));
    }

    /** Whether the server closed the connection (end of stream or reset) within the timeout. */
    boolean serverClosedTcp() {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        if (deflater != null) {
            deflater.close();
            inflater.close();
        }
        socket.close();
    }
}
