package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link FrameWriter}: whole messages, control frames by construction, and serialised writers. */
class FrameWriterTest {

    private final CountingOutputStream out = new CountingOutputStream();
    private final FrameWriter server = FrameWriter.server(out);

    @Test
    void writesAWholeMessageInOneWrite() throws IOException {
        server.writeMessage(OpCode.TEXT, "hi".getBytes());
        server.writeMessage(OpCode.BINARY, new byte[70_000]);
        assertThat(WireParser.describe(out.writes.get(0))).containsExactly("TEXT fin 'hi'");
        assertThat(WireParser.parse(out.bytes())).extracting(f -> f.payload().length).containsExactly(2, 70_000);
    }

    @Test
    void masksAClientMessageInACopy() throws IOException {
        FrameWriter client = new FrameWriter(out, Side.CLIENT, () -> 0x0A0B0C0D);
        byte[] small = {1, 2, 3};
        byte[] big = new byte[200_000];
        big[199_999] = 9;
        client.writeMessage(OpCode.BINARY, small);
        client.writeMessage(OpCode.BINARY, big);
        assertThat(small).containsExactly(1, 2, 3);
        assertThat(big[0]).isZero();
        List<WireParser.ParsedFrame> frames = WireParser.parse(out.bytes());
        assertThat(frames).allSatisfy(f -> assertThat(f.masked()).isTrue());
        assertThat(frames.get(0).payload()).containsExactly(1, 2, 3);
        assertThat(frames.get(1).payload()).isEqualTo(big);
    }

    @Test
    void writesControlFramesFinalAndWhole() throws IOException {
        server.ping(ByteBuffer.wrap(new byte[125]));
        server.pong(ByteBuffer.wrap(new byte[] {1}));
        assertThat(out.writes).hasSize(2);
        assertThat(WireParser.parse(out.bytes())).allSatisfy(f -> assertThat(f.fin()).isTrue());
    }

    @Test
    void refusesAControlPayloadOver125BytesBeforeWritingAnything() {
        // The gobwas ControlWriter defect: two 100-byte writes became a fragmented ping. Here the
        // payload is checked whole, so a control frame over 125 bytes cannot be produced.
        assertThatThrownBy(() -> server.ping(ByteBuffer.wrap(new byte[126]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.pong(ByteBuffer.wrap(new byte[200]))).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.writes).isEmpty();
    }

    @Test
    void leavesThePingBufferAsItWas() throws IOException {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3});
        new FrameWriter(out, Side.CLIENT, () -> 0x7F7F7F7F).ping(payload);
        assertThat(payload.position()).isZero();
        assertThat(payload.array()).containsExactly(1, 2, 3);
    }

    @Test
    void sendsOneCloseAndRefusesDataAfterIt() throws IOException {
        assertThat(server.close(new CloseStatus(1000, "done"))).isTrue();
        assertThat(server.close(CloseStatus.GOING_AWAY)).isFalse();
        assertThat(server.isCloseSent()).isTrue();
        assertThatThrownBy(() -> server.writeMessage(OpCode.TEXT, new byte[1])).isInstanceOf(IOException.class)
                .hasMessageContaining("close frame was sent");
        server.pong(ByteBuffer.allocate(0)); // control frames other than close still pass
        assertThat(WireParser.describe(out.bytes())).containsExactly("CLOSE fin 03e8646f6e65", "PONG fin ");
    }

    @Test
    void writesAControlFrameBetweenTheFragmentsOfAnotherThreadsMessage() throws Exception {
        MessageWriter w = server.newMessage(OpCode.TEXT, 3);
        w.write("abcd".getBytes()); // "abc" went out: this thread holds the message lock
        Thread pinger = Thread.ofVirtual().start(() -> {
            try {
                server.ping(ByteBuffer.wrap(new byte[] {9}));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        pinger.join(10_000);
        assertThat(pinger.isAlive()).as("the ping did not wait for the message").isFalse();
        w.close();
        assertThat(WireParser.describe(out.bytes())).containsExactly("TEXT more 'abc'", "PING fin 09", "CONT fin 'd'");
    }

    @Test
    void keepsTheFramesOfConcurrentWritersApartAndTheirMessagesWhole() throws Exception {
        int threads = 8;
        int messagesPerThread = 50;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int m = 0; m < messagesPerThread; m++) {
                    String text = ("t" + id + "m" + m + ";").repeat(1 + m % 7);
                    if (m % 3 == 0) {
                        server.writeMessage(OpCode.TEXT, text.getBytes());
                    } else {
                        try (MessageWriter w = server.newMessage(OpCode.TEXT, 5)) {
                            for (byte b : text.getBytes()) {
                                w.write(b);
                                if (b == ';') {
                                    w.flush();
                                    Thread.yield();
                                }
                            }
                        }
                    }
                    server.ping(ByteBuffer.wrap(new byte[] {(byte) id}));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // A client-side assembler accepts the stream only if no two messages interleave.
        RecordingListener listener = new RecordingListener();
        new MessageAssembler(Side.CLIENT, 1 << 20, 1 << 20, listener).feed(ByteBuffer.wrap(out.bytes()));
        List<String> texts = listener.events.stream().filter(e -> e.startsWith("text:")).toList();
        assertThat(texts).hasSize(threads * messagesPerThread);
        for (int t = 0; t < threads; t++) {
            String prefix = "text:t" + t + "m";
            List<String> own = texts.stream().filter(e -> e.startsWith(prefix)).toList();
            for (int m = 0; m < messagesPerThread; m++) {
                assertThat(own.get(m)).isEqualTo("text:" + ("t" + t + "m" + m + ";").repeat(1 + m % 7));
            }
        }
        assertThat(listener.events.stream().filter(e -> e.startsWith("ping:"))).hasSize(threads * messagesPerThread);
        assertThat(out.writes.size()).as("one write per frame").isEqualTo(WireParser.parse(out.bytes()).size());
    }
}
