package dev.ws.client;

import dev.ws.AcceptKey;
import dev.ws.CloseStatus;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.Masking;
import dev.ws.OpCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection test server on loopback, port 0, that plays a script against the client: it
 * reads the request head, then the script writes raw responses and frames and reads the client's
 * frames unchecked (masks removed). Whatever the script returns or throws completes {@link #result}.
 */
final class ScriptedServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        Object run(ScriptedServer s) throws Exception;
    }

    /** A frame as read from the client, unchecked. */
    record ClientFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }
    }

    private final ServerSocket listener;
    final CompletableFuture<Object> result = new CompletableFuture<>();
    Socket socket;
    InputStream in;
    OutputStream out;
    String requestLine;
    final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();

    private ScriptedServer(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-server").start(() -> {
            try {
                socket = listener.accept();
                socket.setSoTimeout(10_000);
                socket.setTcpNoDelay(true);
                in = socket.getInputStream();
                out = socket.getOutputStream();
                readRequest();
                result.complete(script.run(this));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    static ScriptedServer start(Script script) throws IOException {
        return new ScriptedServer(script);
    }

    int port() {
        return listener.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** Waits for the script's result. */
    Object await() throws Exception {
        return result.get(15, TimeUnit.SECONDS);
    }

    private void readRequest() throws IOException {
        String head = new String(readHead(in), StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        requestLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            requestHeaders.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
    }

    /** Reads up to and including the blank line, one byte at a time (nothing past it is consumed). */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended inside a head: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    String header(String name) {
        List<String> v = requestHeaders.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.get(0);
    }

    String accept() {
        return AcceptKey.of(header("Sec-WebSocket-Key"));
    }

    /** A valid 101 for the request, with extra header lines. */
    byte[] response101(String... extraLines) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept() + "\r\n");
        for (String line : extraLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    void write(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        out.write(all.toByteArray()); // one write: one TCP segment on loopback
        out.flush();
    }

    /** An unmasked server frame. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        FrameHeader h = new FrameHeader().set(fin, rsv, opcode, payload.length);
        byte[] out = new byte[h.encodedSize() + payload.length];
        int at = dev.ws.FrameEncoder.writeHeader(h, out, 0);
        System.arraycopy(payload, 0, out, at, payload.length);
        return out;
    }

    static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload);
    }

    static byte[] text(String text) {
        return frame(OpCode.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] close(int code, String reason) {
        return frame(OpCode.OP_CLOSE, new CloseStatus(code, reason).toPayload());
    }

    /** A frame the server must not send: masked (RFC 6455 §5.1). */
    static byte[] masked(int opcode, byte[] payload, int key) {
        FrameHeader h = new FrameHeader().set(true, 0, opcode, payload.length).mask(key);
        byte[] out = new byte[h.encodedSize() + payload.length];
        int at = dev.ws.FrameEncoder.writeHeader(h, out, 0);
        System.arraycopy(payload, 0, out, at, payload.length);
        Masking.apply(out, at, payload.length, key, 0);
        return out;
    }

    /** The next client frame, or null at the end of the stream. */
    ClientFrame readFrame() throws IOException {
        FrameHeader h = new FrameHeader();
        if (!FrameIO.readHeader(in, new byte[FrameHeader.MAX_HEADER_SIZE], h)) {
            return null;
        }
        byte[] payload = new byte[(int) h.length()];
        FrameIO.readFully(in, payload, 0, payload.length);
        if (h.masked()) {
            Masking.apply(payload, 0, payload.length, h.maskKey(), 0);
        }
        return new ClientFrame(h.fin(), h.rsv(), h.opcode(), h.masked(), payload);
    }

    /**
     * Reads until the client closes TCP (a reset counts: a client that closes with unread bytes
     * resets the connection); returns the bytes it sent meanwhile.
     */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // reset by the client
        }
        return got.toByteArray();
    }

    /** Whether the client closed TCP within {@code millis} (false if it stayed open). */
    boolean clientClosesWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (socket != null) {
            socket.close();
        }
    }
}
