package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Frame;
import dev.ws.MaskGenerator;
import dev.ws.Side;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual-thread dispatch writes the replies to a burst of messages together (one loop task, not a
 * write per message); a handler that waits for its own send in the middle of a burst, or sends and
 * then blocks, is not held until the burst ends.
 */
class VirtualThreadBurstTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Three text frames in one TCP write, so the second is handled while the third waits. */
    private static byte[] threeMessages(String a, String b, String c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : new String[] {a, b, c}) {
            out.writeBytes(Frame.text(s).compile(Side.CLIENT, MaskGenerator.secure()));
        }
        return out.toByteArray();
    }

    @Test
    void aHandlerWaitingForItsSendInABurstIsNotStuck() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).dispatchMode(DispatchMode.VIRTUAL_THREADS)
                .route("/wait", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        try {
                            if (text.equals("first")) {
                                Thread.sleep(200); // the other two arrive meanwhile: a burst
                                s.sendText("first");
                            } else if (text.equals("second")) {
                                // written by the loop while this handler waits, with "third" queued behind
                                s.sendText("second").toCompletableFuture().get(5, TimeUnit.SECONDS);
                                s.sendText("second written");
                            } else {
                                s.sendText(text);
                            }
                        } catch (Exception e) {
                            s.sendText("failed: " + e);
                        }
                    }
                }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/wait")) {
            c.socket.setSoTimeout(10_000);
            c.sendRaw(threeMessages("first", "second", "third"));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(c.read().payloadAsText());
            }
            assertThat(got).containsExactly("first", "second", "second written", "third");
        }
    }

    @Test
    void aSendBeforeABlockingCallInABurstLeavesBeforeTheCallReturns() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        server = WebSocketServer.builder().port(0).eventLoops(1).dispatchMode(DispatchMode.VIRTUAL_THREADS)
                .route("/block", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        try {
                            if (text.equals("first")) {
                                Thread.sleep(200);
                            } else if (text.equals("second")) {
                                s.sendText("before the call");
                                // stands for a slow call; the test releases it once it has the reply
                                boolean released = received.await(5, TimeUnit.SECONDS);
                                s.sendText(released ? "released" : "timed out: the reply waited for the burst");
                                return;
                            }
                            s.sendText(text);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/block")) {
            c.socket.setSoTimeout(10_000);
            c.sendRaw(threeMessages("first", "second", "third"));
            assertThat(c.read().payloadAsText()).isEqualTo("first");
            assertThat(c.read().payloadAsText()).isEqualTo("before the call");
            received.countDown();
            assertThat(c.read().payloadAsText()).isEqualTo("released");
            assertThat(c.read().payloadAsText()).isEqualTo("third");
        }
    }

    @Test
    void aBurstOfLargeRepliesIsNotRefusedAsASlowConsumer() throws Exception {
        // the replies of a burst queue up before they are written; they must not count as a peer
        // that does not read (a 256 KiB high watermark, 16 replies of 32 KiB)
        server = WebSocketServer.builder().port(0).eventLoops(1).dispatchMode(DispatchMode.VIRTUAL_THREADS)
                .outboundWatermarks(64 * 1024, 256 * 1024)
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onBinary(WebSocketSession s, ByteBuffer data) {
                        if (data.get(0) == 0) {
                            try {
                                Thread.sleep(200); // the others arrive meanwhile: one burst
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        s.sendBinary(data);
                    }

                    @Override
                    public void onText(WebSocketSession s, String text) {
                        s.sendText(text);
                    }
                }).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            c.socket.setSoTimeout(10_000);
            byte[] payload = new byte[32 * 1024];
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 16; i++) {
                payload[0] = (byte) i;
                burst.writeBytes(Frame.binary(payload.clone()).compile(Side.CLIENT, MaskGenerator.secure()));
            }
            c.sendRaw(burst.toByteArray());
            for (int i = 0; i < 16; i++) {
                Frame f = c.read();
                assertThat(f.length()).isEqualTo(payload.length);
                assertThat(f.payload().get(0)).isEqualTo((byte) i);
            }
            c.sendText("done");
            assertThat(c.read().payload()).isEqualTo(ByteBuffer.wrap("done".getBytes(StandardCharsets.UTF_8)));
        }
    }
}
