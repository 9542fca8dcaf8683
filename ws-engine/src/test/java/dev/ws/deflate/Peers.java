package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.WebSocketException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** Test support: a client and a server that negotiated with each other, and message helpers. */
final class Peers {

    final NegotiatedDeflate server;
    final NegotiatedDeflate client;

    Peers(PerMessageDeflate serverConfig, PerMessageDeflate clientConfig) {
        try {
            this.server = serverConfig.negotiate(clientConfig.offers());
            assertThat(server).as("server accepted the client's offer").isNotNull();
            this.client = clientConfig.acceptResponse(List.of(server.responseOption()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a test hands a message to the deflater. */
    enum Form { INTO_BUFFER, CHUNKS, STREAM }

    static byte[] compress(MessageDeflater d, byte[] message, Form form, Random random) {
        try {
            switch (form) {
                case INTO_BUFFER -> {
                    ByteBuffer dst = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(message.length) + 7);
                    dst.position(7);
                    int n = d.compress(ByteBuffer.wrap(message), dst);
                    assertThat(dst.position()).isEqualTo(7 + n);
                    byte[] out = new byte[n];
                    dst.flip().position(7);
                    dst.get(out);
                    return out;
                }
                case CHUNKS -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    int[] lasts = new int[1];
                    d.compress(ByteBuffer.wrap(message), (chunk, last) -> {
                        assertThat(lasts[0]).as("nothing after the last chunk").isZero();
                        if (last) {
                            lasts[0]++;
                            assertThat(chunk.hasRemaining()).as("last chunk is never empty").isTrue();
                        }
                        out.write(chunk.array(), chunk.position(), chunk.remaining());
                    });
                    assertThat(lasts[0]).isEqualTo(1);
                    return out.toByteArray();
                }
                default -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (var s = d.newOutputStream(out)) {
                        int at = 0;
                        while (at < message.length) {
                            int n = Math.min(message.length - at, 1 + random.nextInt(20000));
                            if (n == 1) {
                                s.write(message[at]);
                            } else {
                                s.write(message, at, n);
                            }
                            at += n;
                            if (random.nextInt(8) == 0) {
                                s.flush();
                            }
                        }
                    }
                    return out.toByteArray();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FrameHeader firstFrame(boolean compressed) {
        return new FrameHeader().set(true, compressed ? FrameHeader.RSV1 : 0, OpCode.OP_BINARY, 0);
    }

    /** Inflates a compressed payload fed in random chunks, as frames and reads would split it. */
    static byte[] inflate(MessageInflater in, byte[] payload, long max, Random random) throws WebSocketException {
        assertThat(in.startMessage(firstFrame(true))).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        do {
            int n = Math.min(payload.length - at, random.nextInt(3) == 0 ? random.nextInt(8) : random.nextInt(9000));
            boolean last = at + n == payload.length && random.nextBoolean();
            in.transform(ByteBuffer.wrap(payload, at, n).slice(), last, max - out.size(), chunk -> {
                assertThat(chunk.remaining()).isLessThanOrEqualTo(DecompressorSlot.SCRATCH_SIZE);
                out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            });
            at += n;
            if (last) {
                return out.toByteArray();
            }
        } while (true);
    }
}
