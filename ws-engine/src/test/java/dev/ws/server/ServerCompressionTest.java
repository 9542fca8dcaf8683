package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.deflate.PerMessageDeflate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate as a peer sees the server's frames: broadcast messages (prepared once,
 * uncompressed) are compressed for each session that negotiated it, and messages shorter than the
 * compression threshold go out plain, without RSV1.
 */
class ServerCompressionTest {

    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    private static RawClient connect(int port, String extensions) throws Exception {
        RawClient c = new RawClient(port);
        c.sendRaw(RawClient.request("/d", extensions).getBytes(StandardCharsets.US_ASCII));
        assertThat(c.readHead()).startsWith("HTTP/1.1 101");
        return c;
    }

    /** The next frame, RSV1 allowed; its payload as sent. */
    private static Frame read(RawClient c) throws Exception {
        return FrameIO.readFrame(c.in, Side.CLIENT, 1 << 20, false, FrameHeader.RSV1);
    }

    /** Inflates one message's payload as RFC 7692 §7.2.2 says: append 00 00 FF FF, then inflate raw. */
    private static String inflate(ByteBuffer payload) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] in = new byte[payload.remaining() + 4];
        payload.get(in, 0, payload.remaining());
        in[in.length - 2] = (byte) 0xFF;
        in[in.length - 1] = (byte) 0xFF;
        inflater.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void preparedBroadcastIsCompressedForTheSessionThatNegotiatedItAndPlainForTheOther() throws Exception {
        String news = "the same news for everyone, ".repeat(40);
        PreparedMessage prepared = PreparedMessage.text(news);
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .extensions(PerMessageDeflate.withDefaults())
                .route("/d", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        s.send(prepared);
                    }
                }).build().start();
        try (RawClient compressed = connect(server.port(), DEFLATE); RawClient plain = connect(server.port(), "")) {
            compressed.sendText("go");
            Frame f = read(compressed);
            assertThat(f.rsv()).isEqualTo(FrameHeader.RSV1);
            assertThat(f.payload().remaining()).isLessThan(news.length() / 4);
            assertThat(inflate(f.payload())).isEqualTo(news);

            plain.sendText("go");
            Frame p = read(plain);
            assertThat(p.rsv()).isZero();
            assertThat(p.payloadAsText()).isEqualTo(news);
        }
    }

    @Test
    void messagesBelowTheThresholdGoOutUncompressed() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .extensions(PerMessageDeflate.builder().compressionThreshold(64).build())
                .route("/d", ServerEchoTest.ECHO).build().start();
        try (RawClient c = connect(server.port(), DEFLATE)) {
            c.sendText("short");
            Frame shortEcho = read(c);
            assertThat(shortEcho.rsv()).isZero();
            assertThat(shortEcho.opCode()).isEqualTo(OpCode.TEXT);
            assertThat(shortEcho.payloadAsText()).isEqualTo("short");

            String longer = "x".repeat(64);
            c.sendText(longer);
            Frame longEcho = read(c);
            assertThat(longEcho.rsv()).isEqualTo(FrameHeader.RSV1);
            assertThat(inflate(longEcho.payload())).isEqualTo(longer);
        }
    }

    @Test
    void broadcastToASessionThatClosedIsRefusedBeforeAnythingIsCompressed() throws Exception {
        java.util.concurrent.CompletableFuture<WebSocketSession> opened = new java.util.concurrent.CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .extensions(PerMessageDeflate.withDefaults())
                .route("/d", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession s) {
                        opened.complete(s);
                    }
                }).build().start();
        try (RawClient c = connect(server.port(), DEFLATE)) {
            WebSocketSession s = opened.get(5, TimeUnit.SECONDS);
            assertThat(s.extensions()).containsExactly("permessage-deflate");
            s.close();
            assertThat(s.send(PreparedMessage.text("late")).toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOf(SendRejectedException.class)
                    .withMessage("session is closing or closed");
        }
    }
}
