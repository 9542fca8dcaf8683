package dev.ws.deflate;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test support: deterministic message bodies of the kinds WebSocket applications send. */
final class Corpora {

    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec"};

    private Corpora() {
    }

    /** JSON-like records, as chat and market-data feeds send them. */
    static byte[] json(long seed, int size) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 256);
        sb.append('[');
        int id = r.nextInt(100000);
        while (sb.length() < size) {
            sb.append("{\"id\":").append(id++)
              .append(",\"user\":\"").append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(1000))
              .append("\",\"price\":").append(r.nextInt(100000) / 100.0)
              .append(",\"tags\":[\"").append(WORDS[r.nextInt(WORDS.length)]).append("\",\"")
              .append(WORDS[r.nextInt(WORDS.length)]).append("\"],\"active\":").append(r.nextBoolean())
              .append("},");
        }
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(all, size);
    }

    /** Incompressible bytes. */
    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Long runs and repeats at every distance up to {@code maxPeriod}: invites far matches. */
    static byte[] repetitive(long seed, int size, int maxPeriod) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            int kind = r.nextInt(3);
            int n = Math.min(size - i, 1 + r.nextInt(600));
            if (kind == 0 || i == 0) {
                for (int k = 0; k < n; k++) {
                    b[i + k] = (byte) ('a' + r.nextInt(4));
                }
            } else {
                int period = 1 + r.nextInt(Math.min(i, maxPeriod));
                for (int k = 0; k < n; k++) {
                    b[i + k] = b[i + k - period];
                }
            }
            i += n;
        }
        return b;
    }
}
