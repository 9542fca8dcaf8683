package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.FrameHeader;
import dev.ws.InvalidPayloadException;
import dev.ws.OpCode;
import dev.ws.Side;
import dev.ws.message.DefaultControlHandler;
import dev.ws.message.FrameWriter;
import dev.ws.message.MessageInputStream;
import dev.ws.message.MessageLimits;
import dev.ws.message.MessageReader;
import dev.ws.message.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream wrappers over the blocking message layer, as the package comments describe them: a
 * client compresses through {@link MessageDeflater#newOutputStream} into a {@link MessageWriter}
 * opened with RSV1; a server reads with {@link MessageReader#allowedRsv} and inflates through
 * {@link MessageInflater#newInputStream}. With and without context takeover.
 */
class BlockingMessageStreamsTest {

    private static final long LIMIT = 1 << 20;

    @Test
    void roundTripsMessagesWithContextTakeover() throws IOException {
        PerMessageDeflate takeover = PerMessageDeflate.builder().outboundContextTakeover(true)
                .inboundContextTakeover(true).build();
        roundTrip(new Peers(takeover, takeover));
    }

    @Test
    void roundTripsMessagesWithoutContextTakeover() throws IOException {
        roundTrip(new Peers(PerMessageDeflate.withDefaults(), PerMessageDeflate.withDefaults()));
    }

    private static void roundTrip(Peers peers) throws IOException {
        Random random = new Random(7);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] m = ("message " + i + " ").repeat(random.nextInt(5000)).getBytes(StandardCharsets.UTF_8);
            sent.add(m);
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter client = new FrameWriter(wire, Side.CLIENT, random::nextInt);
        try (MessageDeflater deflater = peers.client.newDeflater()) {
            for (byte[] m : sent) {
                MessageWriter message = client.newMessage(OpCode.TEXT, 1024, MessageDeflater.RSV);
                try (OutputStream z = deflater.newOutputStream(message)) {
                    z.write(m);
                }
            }
        }
        client.writeMessage(OpCode.BINARY, new byte[] {1, 2, 3}); // uncompressed: RSV1 clear

        MessageReader reader = new MessageReader(new ByteArrayInputStream(wire.toByteArray()), Side.SERVER,
                MessageLimits.DEFAULT, new DefaultControlHandler(FrameWriter.server(OutputStream.nullOutputStream())))
                .allowedRsv(FrameHeader.RSV1);
        try (MessageInflater inflater = peers.server.newInflater()) {
            for (byte[] m : sent) {
                MessageInputStream message = reader.nextMessage();
                assertThat(message.rsv()).isEqualTo(FrameHeader.RSV1);
                try (InputStream plain = inflater.newInputStream(message, LIMIT)) {
                    assertThat(plain.readAllBytes()).isEqualTo(m);
                }
            }
            MessageInputStream uncompressed = reader.nextMessage();
            assertThat(uncompressed.rsv()).isZero();
            assertThat(uncompressed.readAllBytes()).containsExactly(1, 2, 3);
            assertThat(reader.nextMessage()).isNull();
        }
    }

    @Test
    void failsWith1007OnGarbageInAnRsv1Message() throws IOException {
        Peers peers = new Peers(PerMessageDeflate.withDefaults(), PerMessageDeflate.withDefaults());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter client = new FrameWriter(wire, Side.CLIENT, () -> 0x11223344);
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        client.writeMessage(OpCode.BINARY, FrameHeader.RSV1, garbage, 0, garbage.length);
        MessageReader reader = new MessageReader(new ByteArrayInputStream(wire.toByteArray()), Side.SERVER,
                MessageLimits.DEFAULT, new DefaultControlHandler(FrameWriter.server(OutputStream.nullOutputStream())))
                .allowedRsv(FrameHeader.RSV1);
        try (MessageInflater inflater = peers.server.newInflater()) {
            InputStream plain = inflater.newInputStream(reader.nextMessage(), LIMIT);
            assertThatThrownBy(plain::readAllBytes).isInstanceOf(InvalidPayloadException.class);
        }
    }
}
