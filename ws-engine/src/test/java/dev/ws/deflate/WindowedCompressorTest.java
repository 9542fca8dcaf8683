package dev.ws.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pure-Java deflater: valid DEFLATE for zlib, and no match beyond its window (RFC 7692 §7.1.2). */
class WindowedCompressorTest {

    static byte[] compressMessage(Compressor c, byte[] message, int chunk) {
        ByteBuffer out = ByteBuffer.allocate(64);
        ByteBuffer in = ByteBuffer.wrap(message);
        int at = 0;
        while (true) {
            int n = Math.min(chunk, message.length - at);
            ByteBuffer slice = ByteBuffer.wrap(message, at, n);
            boolean last = at + n == message.length;
            while (!c.compress(slice, out, last)) {
                out = grow(out);
            }
            at += n;
            if (last) {
                break;
            }
        }
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertThat(in).isNotNull();
        return b;
    }

    static ByteBuffer grow(ByteBuffer out) {
        ByteBuffer bigger = ByteBuffer.allocate(out.capacity() * 2);
        out.flip();
        return bigger.put(out);
    }

    /** The message payload for a compressor's output: tail removed, or 00 when it wrote nothing. */
    static byte[] payload(byte[] b) {
        return b.length == 0 ? new byte[] {0} : stripTail(b);
    }

    static byte[] stripTail(byte[] b) {
        assertThat(b.length).isGreaterThanOrEqualTo(4);
        assertThat(Arrays.copyOfRange(b, b.length - 4, b.length)).containsExactly(0, 0, 0xFF, 0xFF);
        return Arrays.copyOf(b, b.length - 4);
    }

    static byte[] inflate(Inflater inf, byte[] payload) throws Exception {
        byte[] in = Arrays.copyOf(payload, payload.length + 4);
        in[payload.length + 2] = (byte) 0xFF;
        in[payload.length + 3] = (byte) 0xFF;
        inf.setInput(in);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] tmp = new byte[4096];
        int n;
        while ((n = inf.inflate(tmp)) > 0 || !inf.needsInput()) {
            out.write(tmp, 0, n);
            if (n == 0 && inf.finished()) {
                break;
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 12, 14, 15})
    void keepsEveryMatchInsideTheWindowAcrossMessages(int windowBits) throws Exception {
        for (int level : new int[] {1, 6, 9}) {
            Compressor c = Compressor.windowed(level, windowBits);
            DeflateStreamChecker checker = new DeflateStreamChecker();
            Inflater jdk = new Inflater(true);
            for (int m = 0; m < 12; m++) {
                byte[] msg = m % 3 == 0 ? Corpora.json(m, 3000 + m * 1000)
                        : m % 3 == 1 ? Corpora.repetitive(m, 20000, 40000) : Corpora.random(m, 700);
                byte[] payload = stripTail(compressMessage(c, msg, 1 + m * 997));
                assertThat(checker.decodeMessage(payload)).as("window %d level %d message %d", windowBits, level, m)
                        .isEqualTo(msg);
                assertThat(inflate(jdk, payload)).isEqualTo(msg);
            }
            assertThat(checker.maxDistance).isLessThanOrEqualTo(1 << windowBits).isGreaterThan(0);
            jdk.end();
        }
    }

    @Test
    void compressesJsonWellEvenWithSmallWindows() {
        byte[] msg = Corpora.json(1, 64 * 1024);
        for (int bits = 8; bits <= 15; bits++) {
            int size = compressMessage(Compressor.windowed(6, bits), msg, msg.length).length;
            System.out.printf("window %2d: %d -> %d (%.1f%%)%n", bits, msg.length, size, 100.0 * size / msg.length);
        }
        int jdk = compressMessage(Compressor.jdk(6), msg, msg.length).length;
        System.out.printf("jdk 15: %d -> %d (%.1f%%)%n", msg.length, jdk, 100.0 * jdk / msg.length);
    }
}
