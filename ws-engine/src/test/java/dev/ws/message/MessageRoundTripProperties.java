package dev.ws.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.MaskGenerator;
import dev.ws.OpCode;
import dev.ws.Side;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * What the writers send, both readers read back: random messages written by a client-side
 * {@link FrameWriter} (whole, or through {@link MessageWriter}s with random buffer sizes and
 * flushes, pings in between) come out of {@link MessageReader} and {@link MessageAssembler} alike.
 */
class MessageRoundTripProperties {

    @Property(tries = 300)
    void readersReturnWhatTheWritersSent(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        MaskGenerator masks = random::nextInt;
        FrameWriter writer = new FrameWriter(wire, Side.CLIENT, masks);
        List<String> expected = new ArrayList<>();
        int messages = 1 + random.nextInt(8);
        for (int m = 0; m < messages; m++) {
            boolean text = random.nextBoolean();
            byte[] payload = text ? randomText(random).getBytes(StandardCharsets.UTF_8) : randomBytes(random);
            String event = (text ? "text:" + new String(payload, StandardCharsets.UTF_8)
                    : "binary:" + HexFormat.of().formatHex(payload));
            if (random.nextInt(3) == 0) {
                writer.writeMessage(text ? OpCode.TEXT : OpCode.BINARY, payload);
            } else {
                try (MessageWriter w = writer.newMessage(text ? OpCode.TEXT : OpCode.BINARY, 1 + random.nextInt(64))) {
                    for (int at = 0; at < payload.length; ) {
                        int n = Math.min(payload.length - at, random.nextInt(100));
                        w.write(payload, at, n);
                        at += n;
                        if (random.nextInt(4) == 0) {
                            w.flush();
                        }
                        if (random.nextInt(5) == 0) { // a ping between the fragments of this message
                            byte[] ping = new byte[random.nextInt(126)];
                            random.nextBytes(ping);
                            writer.ping(ByteBuffer.wrap(ping));
                            expected.add("ping:" + HexFormat.of().formatHex(ping));
                        }
                    }
                }
            }
            expected.add(event);
        }
        byte[] bytes = wire.toByteArray();

        RecordingListener listener = new RecordingListener();
        new MessageAssembler(Side.SERVER, 1 << 20, 1 << 20, listener).feed(ByteBuffer.wrap(bytes.clone()));
        assertThat(listener.events).isEqualTo(expected);

        List<String> read = new ArrayList<>();
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        RecordingControlHandler controls = new RecordingControlHandler(FrameWriter.server(replies));
        MessageReader reader = new MessageReader(new ByteArrayInputStream(bytes), Side.SERVER, MessageLimits.DEFAULT, controls);
        for (MessageInputStream in; (in = reader.nextMessage()) != null; ) {
            byte[] payload = in.readAllBytes();
            read.addAll(controls.events);
            controls.events.clear();
            read.add(in.opCode() == OpCode.TEXT ? "text:" + new String(payload, StandardCharsets.UTF_8)
                    : "binary:" + HexFormat.of().formatHex(payload));
        }
        assertThat(read).isEqualTo(expected);
        assertThat(WireParser.parse(replies.toByteArray())).as("one pong per ping")
                .hasSize((int) expected.stream().filter(e -> e.startsWith("ping:")).count());
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(10) == 0 ? 70_000 : random.nextInt(300)];
        random.nextBytes(b);
        return b;
    }

    private static String randomText(Random random) {
        int[] samples = {'a', ' ', 0xE9, 0x20AC, 0x1F600, 0x10FFFF};
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(200); i > 0; i--) {
            sb.appendCodePoint(samples[random.nextInt(samples.length)]);
        }
        return sb.toString();
    }
}
