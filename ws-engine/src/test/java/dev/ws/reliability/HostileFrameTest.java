package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.server.DispatchMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile frames after the handshake, on loopback sockets: a 2^62-byte length, 100,000 one-byte
 * fragments, a decompression bomb, and seeded hostile frame sequences. Each ends in its close code
 * with bounded allocation on the event loop and one INFO line; nothing ends in 1011 or an error.
 */
class HostileFrameTest extends HostilePeerFixture {

    @Test
    void frameDeclaring2Pow62BytesIsRefusedWith1009WithoutAllocating() throws Exception {
        server = echoServer().build().start();
        try (Wire w = Wire.open(server.port(), "/echo")) {
            long before = Probes.loopAllocatedBytes();
            w.sendRaw(header(OpCode.OP_BINARY, 1L << 62));
            CloseStatus status = w.readClose();
            assertThat(status.code()).isEqualTo(1009);
            assertThat(w.closedByServer()).isTrue();
            assertThat(Probes.loopAllocatedBytes() - before).as("loop allocation").isLessThan(64 * 1024);
            assertOneRefusalLine(w, "1009", "frame payload 4611686018427387904 exceeds the limit of 1048576");
        }
        assertStillServing();
    }

    @Test
    void hundredThousandOneByteFragmentsAreRefusedWith1009AtTheMessageLimit() throws Exception {
        int limit = 64 * 1024;
        server = echoServer().maxMessageSize(limit).build().start();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            wire.writeBytes(Wire.clientFrame(false, 0, i == 0 ? OpCode.BINARY : OpCode.CONTINUATION, new byte[] {7}));
        }
        try (Wire w = Wire.open(server.port(), "/echo")) { // warm up: load the classes a refusal uses
            w.sendRaw(Wire.clientFrame(true, 0, OpCode.BINARY, new byte[limit + 1]));
            assertThat(w.readClose().code()).isEqualTo(1009);
        }
        log.clear();
        try (Wire w = Wire.open(server.port(), "/echo")) {
            long before = Probes.loopAllocatedBytes();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    w.sendRaw(wire.toByteArray());
                } catch (IOException e) {
                    // the server closed after refusing
                }
            });
            CloseStatus status = w.readClose();
            assertThat(status.code()).isEqualTo(1009);
            assertThat(w.closedByServer()).isTrue();
            writer.join(5000);
            long allocated = Probes.loopAllocatedBytes() - before;
            // the message buffer grows with the bytes received and stops at the limit (doubling: < 2x)
            assertThat(allocated).as("loop allocation").isLessThan(3L * limit);
            assertOneRefusalLine(w, "1009", "exceeds the limit of " + limit);
        }
        assertStillServing();
    }

    @Test
    void hundredThousandOneByteFragmentsWithinTheLimitMakeOneMessage() throws Exception {
        server = echoServer().build().start();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            wire.writeBytes(Wire.clientFrame(i == 99_999, 0, i == 0 ? OpCode.BINARY : OpCode.CONTINUATION,
                    new byte[] {(byte) i}));
        }
        try (Wire w = Wire.open(server.port(), "/echo")) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    w.sendRaw(wire.toByteArray());
                } catch (IOException e) {
                    // reported by the read below
                }
            });
            Frame echo = w.read();
            assertThat(echo.length()).isEqualTo(100_000);
            assertThat(echo.payload().get(99_999)).isEqualTo((byte) 99_999);
        }
    }

    @Test
    void decompressionBombIsStoppedWith1009AtTheMessageLimit() throws Exception {
        int limit = 256 * 1024;
        server = echoServer().maxMessageSize(limit).extensions(PerMessageDeflate.withDefaults()).build().start();
        byte[] bomb = HostileBytes.deflatedZeros(64 << 20);
        assertThat(bomb.length).isLessThan(128 * 1024);
        try (Wire w = Wire.open(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate\r\n", 0)) {
            assertThat(w.responseHead).containsIgnoringCase("permessage-deflate");
            long before = Probes.loopAllocatedBytes();
            w.sendRaw(Wire.clientFrame(true, FrameHeader.RSV1, OpCode.BINARY, bomb));
            CloseStatus status = w.readClose();
            assertThat(status.code()).isEqualTo(1009);
            long allocated = Probes.loopAllocatedBytes() - before;
            // the compressed frame (64 KiB) plus the message buffer up to the limit, not 64 MiB
            assertThat(allocated).as("loop allocation for a 64 MiB bomb").isLessThan(4L * limit + 4 * bomb.length);
            assertOneRefusalLine(w, "1009", "inflated message exceeds");
        }
        assertStillServing();
    }


    /**
     * Seeded wire fuzz: hostile frame sequences (lying lengths, reserved bits and opcodes, bad UTF-8,
     * bombs, random damage) on many connections, with and without permessage-deflate, in both
     * dispatch modes. Each connection ends in a close code (the server's 1002, 1007 or 1009, or the
     * echo of a close frame in the junk, never 1011) or waits for the payload a frame declared;
     * nothing is logged as a warning or an error; the server keeps serving and holds no connection
     * afterwards.
     */
    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void hostileFrameSequencesEndInACloseCodeAndNeverInAnError(DispatchMode mode) throws Exception {
        long seed = Long.getLong("ws.test.seed", System.nanoTime());
        server = echoServer().dispatchMode(mode).maxMessageSize(64 * 1024).closeTimeout(Duration.ofMillis(500))
                .extensions(PerMessageDeflate.withDefaults()).build().start();
        java.util.Random random = new java.util.Random(seed);
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < 120; i++) {
            boolean deflate = random.nextBoolean();
            try (Wire w = Wire.open(server.port(), "/echo",
                    deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "", 0)) {
                w.socket.setSoTimeout(1000);
                byte[] hostile = HostileBytes.randomSequence(random);
                w.sendRaw(hostile);
                w.send(Frame.close(CloseStatus.NORMAL)); // ends the session if the junk did not
                String outcome;
                try {
                    CloseStatus status = w.readClose();
                    outcome = status == null ? "TCP close" : switch (status.code()) {
                        case 1000, 1002, 1007, 1009 -> Integer.toString(status.code());
                        // the echo of a close frame that was in the junk (1005: one without a body)
                        default -> status.code() == 1005 || status.code() != 1011 && status.isSendable()
                                ? "echoed close" : Integer.toString(status.code());
                    };
                } catch (java.net.SocketTimeoutException e) {
                    outcome = "waits"; // a frame declared more payload than was sent: the server waits for it
                } catch (IOException e) {
                    outcome = "TCP close"; // the server's close may be cut by its TCP close after our junk
                }
                assertThat(outcome).as("seed %d, connection %d", seed, i)
                        .isIn("1000", "1002", "1007", "1009", "echoed close", "TCP close", "waits");
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        assertThat(log.atOrAbove(Level.WARNING)).as("seed %d: %s", seed, log.lines()).isEmpty();
        assertThat(outcomes.keySet()).as("seed %d: %s", seed, outcomes).contains("1002");
        assertThat(Probes.await(() -> server.connectionCount() == 0, Duration.ofSeconds(5))).isTrue();
        assertStillServing();
    }

    /** A masked frame header declaring {@code length} payload bytes, and no payload. */
    static byte[] header(int opcode, long length) {
        FrameHeader h = new FrameHeader().set(true, 0, opcode, length);
        h.mask(0x01020304);
        byte[] b = new byte[FrameHeader.MAX_HEADER_SIZE];
        int n = dev.ws.FrameEncoder.writeHeader(h, b, 0);
        return java.util.Arrays.copyOf(b, n);
    }
}
