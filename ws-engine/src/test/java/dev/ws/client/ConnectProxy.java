package dev.ws.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP CONNECT proxy for tests (RFC 7231 §4.3.6): reads the CONNECT head, records it,
 * answers {@code 200} and relays bytes both ways, or answers {@link #refuseWith} and closes.
 */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket listener;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile String refuseWith;

    ConnectProxy() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test-proxy").start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = new String(ScriptedServer.readHead(in), StandardCharsets.ISO_8859_1);
            requests.add(head);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (refuseWith != null || !requestLine[0].equals("CONNECT")) {
                out.write(("HTTP/1.1 " + (refuseWith != null ? refuseWith : "405 Method Not Allowed")
                        + "\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String target = requestLine[1];
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket upstream = new Socket(host, Integer.parseInt(target.substring(colon + 1)))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread up = Thread.ofVirtual().start(() -> relay(in, upstream));
                relay(upstream.getInputStream(), client);
                up.join();
            }
        } catch (IOException | InterruptedException e) {
            // the test sees what it needs through the connection
        }
    }

    private static void relay(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
