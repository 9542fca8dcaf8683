package dev.ws;

import static dev.ws.Exchange.bytes;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking upgrade over real loopback sockets. */
class UpgraderBlockingTest {

    private static final int TIMEOUT_MS = 5000;

    private ServerSocket server;
    private ExecutorService executor;
    private Socket client;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        executor = Executors.newSingleThreadExecutor();
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setSoTimeout(TIMEOUT_MS);
        client.setTcpNoDelay(true);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
        executor.shutdownNow();
    }

    /** What the server side saw: the handshake or the failure, and bytes read from its input after. */
    private record Served(Handshake handshake, IOException failure, byte[] after) {
    }

    private Future<Served> serve(Upgrader upgrader, int readAfter) {
        return executor.submit(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                try {
                    Handshake h = upgrader.upgrade(s.getInputStream(), s.getOutputStream());
                    return new Served(h, null, h.input().readNBytes(readAfter));
                } catch (IOException e) {
                    // keep the socket open until the client has read the response
                    s.getInputStream().readAllBytes();
                    return new Served(null, e, null);
                }
            }
        });
    }

    private String readResponseHead() throws IOException {
        InputStream in = client.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void h15BytesAfterTheHeadComeFirstFromTheReturnedInputThenTheRestOfTheStream() throws Exception {
        Future<Served> served = serve(Upgrader.builder().build(), 10);
        OutputStream out = client.getOutputStream();
        out.write(bytes(valid() + "early"));
        out.flush();
        assertThat(readResponseHead()).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("Sec-WebSocket-Accept: " + Exchange.ACCEPT);
        out.write(bytes("later"));
        out.flush();
        Served s = served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(s.failure()).isNull();
        assertThat(new String(s.after(), StandardCharsets.US_ASCII)).isEqualTo("earlylater");
        assertThat(s.handshake().result().path()).isEqualTo("/chat");
    }

    @Test
    void h14RequestWrittenOneByteAtATime() throws Exception {
        Future<Served> served = serve(Upgrader.builder().build(), 0);
        OutputStream out = client.getOutputStream();
        for (byte b : bytes(valid("User-Agent: " + "u".repeat(3000)))) {
            out.write(b);
            out.flush();
        }
        assertThat(readResponseHead()).startsWith("HTTP/1.1 101 ");
        Served s = served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(s.handshake().result().isUpgraded()).isTrue();
    }

    @Test
    void rejectionIsWrittenThenThrown() throws Exception {
        Future<Served> served = serve(Upgrader.builder().build(), 0);
        client.getOutputStream().write(bytes(Exchange.without("Sec-WebSocket-Key")));
        String head = readResponseHead();
        client.shutdownOutput();
        assertThat(head).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        Served s = served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(s.failure()).isInstanceOf(HandshakeRejectedException.class);
        HandshakeRejectedException e = (HandshakeRejectedException) s.failure();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e).isNotSameAs(HandshakeRejectedException.BAD_KEY);
        assertThat(e.reason()).isEqualTo(HandshakeRejectedException.BAD_KEY.reason());
    }

    @Test
    void oversizedHeadIsRefusedWith431WhileTheClientIsStillSending() throws Exception {
        Future<Served> served = serve(Upgrader.builder().maxHeadBytes(4096).build(), 0);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                client.getOutputStream().write(bytes(valid("X-Big: " + "b".repeat(64 * 1024))));
            } catch (IOException ignored) {
                // the server may stop reading
            }
        });
        assertThat(readResponseHead()).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        sending.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        client.shutdownOutput();
        assertThat(((HandshakeRejectedException) served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS).failure()).status())
                .isEqualTo(431);
    }

    @Test
    void streamEndingInsideTheHeadIsAnEofException() throws Exception {
        Future<Served> served = serve(Upgrader.builder().build(), 0);
        client.getOutputStream().write(bytes("GET /chat HTTP/1.1\r\nHost: x\r\n"));
        client.shutdownOutput();
        Served s = served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(s.failure()).isInstanceOf(EOFException.class).hasMessageContaining("request head");
    }
}
