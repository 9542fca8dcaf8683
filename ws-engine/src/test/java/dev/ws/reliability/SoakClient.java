package dev.ws.reliability;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.OpCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * One soak client: a series of sessions on {@code /soak?c=<client>&g=<generation>}, each a few
 * seconds long. In a session it sends numbered messages with a CRC-32 of their body (text and
 * binary, whole or fragmented, pings between fragments, 0 B to 256 KiB) with a window of messages in
 * flight, checks that each echo comes back in order and intact, checks the broadcasts (in order,
 * intact) and records their numbers, and ends the session with a close handshake once every echo is
 * back. Problems go to {@code failures}; nothing here throws past {@link #run}.
 */
final class SoakClient implements Runnable {

    private static final int WINDOW = 32;
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 éß€中😀";

    /** What one session saw. */
    record Session(String key, long echoes, long bytes, List<Long> broadcasts) {
    }

    private final int port;
    private final int id;
    private final long deadline;
    private final Random random;
    private final Queue<String> failures;
    final List<Session> sessions = new ArrayList<>();

    SoakClient(int port, int id, long deadlineNanos, long seed, Queue<String> failures) {
        this.port = port;
        this.id = id;
        this.deadline = deadlineNanos;
        this.random = new Random(seed);
        this.failures = failures;
    }

    @Override
    public void run() {
        for (int generation = 0; System.nanoTime() - deadline < 0; generation++) {
            String key = "c=" + id + "&g=" + generation;
            try {
                sessions.add(session(key));
            } catch (Exception e) {
                failures.add(key + ": " + e);
                return;
            }
        }
    }

    private Session session(String key) throws Exception {
        long end = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(3 + random.nextInt(8)));
        try (Wire w = Wire.open(port, "/soak?" + key)) {
            Reader reader = new Reader(w, key);
            Thread readerThread = Thread.ofVirtual().name("soak-reader-" + key).start(reader);
            long seq = 0;
            long bytes = 0;
            while (System.nanoTime() - end < 0 && reader.error == null) {
                if (!reader.window.tryAcquire(5, TimeUnit.SECONDS)) {
                    throw new IOException("no echo for 5 s after message " + reader.nextEcho);
                }
                bytes += send(w, seq++);
            }
            if (!reader.window.tryAcquire(WINDOW, 10, TimeUnit.SECONDS)) {
                throw new IOException("echoes missing at the end: " + reader.nextEcho + " of " + seq);
            }
            w.send(Frame.close(CloseStatus.NORMAL));
            readerThread.join(10_000);
            if (reader.error != null) {
                throw reader.error;
            }
            if (reader.close == null || reader.close.code() != 1000) {
                throw new IOException("close reply " + reader.close);
            }
            return new Session(key, seq, bytes, reader.broadcasts);
        }
    }

    /** Sends message {@code seq}: text or binary, whole or in fragments; returns its body size. */
    private int send(Wire w, long seq) throws IOException {
        int size = random.nextInt(50) == 0 ? random.nextInt(256 * 1024) : random.nextInt(4096);
        boolean text = random.nextBoolean();
        byte[] payload;
        if (text) {
            StringBuilder body = new StringBuilder(size);
            while (body.length() < size) {
                int index = CHARS.offsetByCodePoints(0, random.nextInt(CHARS.codePointCount(0, CHARS.length())));
                body.appendCodePoint(CHARS.codePointAt(index));
            }
            byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
            payload = ("E " + seq + " " + crc(b, 0, b.length) + " " + body).getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] body = new byte[size];
            random.nextBytes(body);
            payload = ByteBuffer.allocate(17 + size).put((byte) 'E').putLong(seq).putLong(crc(body, 0, size)).put(body)
                    .array();
        }
        OpCode op = text ? OpCode.TEXT : OpCode.BINARY;
        if (random.nextInt(8) != 0) {
            w.sendRaw(Wire.clientFrame(true, 0, op, payload));
            return size;
        }
        // fragments may split a UTF-8 sequence: the server validates across them
        int parts = 2 + random.nextInt(3);
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int to = p == parts - 1 ? payload.length : from + random.nextInt(payload.length - from + 1);
            w.sendRaw(Wire.clientFrame(p == parts - 1, 0, p == 0 ? op : OpCode.CONTINUATION,
                    java.util.Arrays.copyOfRange(payload, from, to)));
            if (random.nextInt(4) == 0 && p < parts - 1) {
                w.sendRaw(Wire.clientFrame(true, 0, OpCode.PING, new byte[] {(byte) p}));
            }
            from = to;
        }
        return size;
    }

    static long crc(byte[] b, int from, int length) {
        CRC32 c = new CRC32();
        c.update(b, from, length);
        return c.getValue();
    }

    /** Reads one session: echoes in order, broadcasts in order, pongs, the close reply. */
    private final class Reader implements Runnable {
        final Wire wire;
        final String key;
        final Semaphore window = new Semaphore(WINDOW);
        final List<Long> broadcasts = new ArrayList<>();
        volatile long nextEcho;
        volatile Exception error;
        volatile CloseStatus close;

        Reader(Wire wire, String key) {
            this.wire = wire;
            this.key = key;
        }

        @Override
        public void run() {
            try {
                for (;;) {
                    Frame f = wire.read();
                    if (f == null) {
                        throw new IOException("end of stream before the close reply");
                    }
                    switch (f.opCode()) {
                        case TEXT -> text(f.payloadAsText());
                        case BINARY -> binary(f.payload());
                        case PONG, PING -> {
                        }
                        case CLOSE -> {
                            close = CloseStatus.parse(f.payload());
                            wire.closedByServer();
                            return;
                        }
                        default -> throw new IOException("unexpected " + f.opCode());
                    }
                }
            } catch (Exception e) {
                error = e;
                failures.add(key + " reader: " + e);
                window.release(WINDOW);
            }
        }

        private void text(String t) throws IOException {
            int a = t.indexOf(' ', 2);
            int b = t.indexOf(' ', a + 1);
            long seq = Long.parseLong(t.substring(2, a));
            long crc = Long.parseLong(t.substring(a + 1, b));
            byte[] body = t.substring(b + 1).getBytes(StandardCharsets.UTF_8);
            if (crc(body, 0, body.length) != crc) {
                throw new IOException("checksum of " + t.charAt(0) + " " + seq);
            }
            if (t.charAt(0) == 'B') {
                broadcast(seq);
            } else {
                echo(seq);
            }
        }

        private void binary(ByteBuffer p) throws IOException {
            long seq = p.getLong(1);
            long crc = p.getLong(9);
            byte[] body = new byte[p.remaining() - 17];
            p.get(17, body);
            if (p.get(0) != 'E' || crc(body, 0, body.length) != crc) {
                throw new IOException("binary echo " + seq + " damaged");
            }
            echo(seq);
        }

        private void echo(long seq) throws IOException {
            if (seq != nextEcho) {
                throw new IOException("echo " + seq + " where " + nextEcho + " was due");
            }
            nextEcho = seq + 1;
            window.release();
        }

        private void broadcast(long seq) throws IOException {
            if (!broadcasts.isEmpty() && seq <= broadcasts.get(broadcasts.size() - 1)) {
                throw new IOException("broadcast " + seq + " after " + broadcasts.get(broadcasts.size() - 1));
            }
            broadcasts.add(seq);
        }
    }
}
