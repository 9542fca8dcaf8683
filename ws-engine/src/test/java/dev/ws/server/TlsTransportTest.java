package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameIO;
import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss at the record level, with the JDK's SSLSocket layered on a plain socket so that a test can
 * also write raw bytes under TLS: a burst larger than the socket buffers reaches a slow reader whole
 * and in order, and a stream that ends inside a TLS record, or with close_notify instead of a close
 * frame, ends the session with 1006.
 */
class TlsTransportTest {

    @TempDir
    static Path dir;
    private static KeyStore keyStore;

    private WebSocketServer server;
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = TlsServerTest.selfSigned(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    private void start(WebSocketServer.Builder b, WebSocketHandler handler) throws Exception {
        server = b.port(0).eventLoops(1).tls(TlsServerTest.serverContext(keyStore)).route("/t", handler).build().start();
    }

    /** A TLS client on top of {@code plain}, upgraded on /t. */
    private SSLSocket upgrade(Socket plain) throws Exception {
        SSLSocket s = (SSLSocket) TlsServerTest.clientContext(keyStore).getSocketFactory()
                .createSocket(plain, "localhost", server.port(), false);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(RawClient.request("/t", "").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            assertThat(b).as("head so far: %s", head).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    private Socket plainSocket(int receiveBuffer) throws Exception {
        Socket plain = new Socket();
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        plain.setSoTimeout(10_000);
        return plain;
    }

    private WebSocketHandler recordingClose(WebSocketHandler inner) {
        return new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) throws Exception {
                inner.onText(s, text);
            }

            @Override
            public void onClose(WebSocketSession s, CloseStatus status) {
                closed.complete(status);
            }
        };
    }

    @Test
    void burstLargerThanTheSocketBuffersReachesASlowTlsReaderWholeAndInOrder() throws Exception {
        int messages = 48;
        int size = 64 * 1024;
        start(WebSocketServer.builder().outboundWatermarks(1 << 20, 16 << 20), recordingClose(new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) {
                for (int i = 0; i < messages; i++) {
                    byte[] m = new byte[size];
                    java.util.Arrays.fill(m, (byte) i);
                    s.sendBinary(m);
                }
            }
        }));
        try (Socket plain = plainSocket(8 * 1024); SSLSocket s = upgrade(plain)) {
            FrameIO.writeFrame(s.getOutputStream(), Frame.text("go"), Side.CLIENT, MaskGenerator.secure());
            Thread.sleep(300); // the server fills the socket and keeps TLS records pending
            for (int i = 0; i < messages; i++) {
                Frame f = FrameIO.readFrame(s.getInputStream(), Side.CLIENT, 1 << 20, false);
                assertThat(f.opCode()).isEqualTo(OpCode.BINARY);
                ByteBuffer p = f.payload();
                assertThat(p.remaining()).isEqualTo(size);
                assertThat(p.get(0)).as("message %d in order", i).isEqualTo((byte) i);
                assertThat(p.get(size - 1)).isEqualTo((byte) i);
            }
            FrameIO.writeFrame(s.getOutputStream(), Frame.close(CloseStatus.NORMAL), Side.CLIENT, MaskGenerator.secure());
            Frame reply = FrameIO.readFrame(s.getInputStream(), Side.CLIENT, 1 << 20, false);
            assertThat(CloseStatus.parse(reply.payload())).isEqualTo(CloseStatus.NORMAL);
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void streamEndingInsideATlsRecordEndsTheSessionWith1006() throws Exception {
        start(WebSocketServer.builder(), recordingClose(ServerEchoTest.ECHO));
        try (Socket plain = plainSocket(0); SSLSocket s = upgrade(plain)) {
            OutputStream raw = plain.getOutputStream();
            // an application-data record header announcing 100 bytes, then only 10 of them
            raw.write(new byte[] {23, 3, 3, 0, 100});
            raw.write(new byte[10]);
            raw.flush();
            plain.shutdownOutput();
            assertThat(closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
        }
    }

    @Test
    void closeNotifyWithoutACloseFrameEndsTheSessionWith1006() throws Exception {
        start(WebSocketServer.builder(), recordingClose(ServerEchoTest.ECHO));
        try (Socket plain = plainSocket(0); SSLSocket s = upgrade(plain)) {
            FrameIO.writeFrame(s.getOutputStream(), Frame.text("echo me"), Side.CLIENT, MaskGenerator.secure());
            assertThat(FrameIO.readFrame(s.getInputStream(), Side.CLIENT, 1 << 20, false).payloadAsText())
                    .isEqualTo("echo me");
            s.close(); // close_notify, and the plain socket stays open
            assertThat(closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
        }
    }
}
