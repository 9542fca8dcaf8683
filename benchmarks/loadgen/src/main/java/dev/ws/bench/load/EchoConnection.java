package dev.ws.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A connection that keeps {@code window} messages in flight on an echo endpoint: it sends frames from a
 * {@link FrameRing}, checks every echoed byte against what it sent (in order), records each round trip in its loop's
 * {@link LoopStats} and tops the window up once per read batch with one write and one flush.
 *
 * <p>{@link #start()} and {@link #stop()} may be called from any thread; everything else runs on the channel's loop.
 */
final class EchoConnection extends WsConnection {

    private final LoadClient client;
    private final FrameRing ring;
    private final int window;
    private final long[] sentAt;
    private LoopStats stats;
    private boolean running;
    private int outstanding;
    private long sendSeq;
    private long receiveSeq;
    private long messageOffset;
    private boolean broken;

    EchoConnection(LoadClient client, Handshake handshake, FrameRing ring, int window) {
        super(handshake);
        if (window < 1 || window > FrameRing.FRAMES) {
            throw new IllegalArgumentException("window " + window + " not in [1, " + FrameRing.FRAMES + "]");
        }
        this.client = client;
        this.ring = ring;
        this.window = window;
        this.sentAt = new long[window];
    }

    /** Starts sending; from any thread. */
    void start() {
        channel.eventLoop().execute(() -> {
            running = true;
            topUp(System.nanoTime());
        });
    }

    /** Stops sending new messages; echoes of those in flight are still counted. From any thread. */
    void stop() {
        if (channel != null) {
            channel.eventLoop().execute(() -> running = false);
        }
    }

    @Override
    void onOpen() {
        stats = client.stats(channel);
    }

    @Override
    void onFrameStart(int opcode, boolean first, boolean fin, long length) {
        if (first && (opcode != ring.opcode() || messageOffset != 0)) {
            error("echo has opcode " + opcode + " at offset " + messageOffset + ", sent " + ring.opcode());
        }
    }

    @Override
    void onPayload(ByteBuf in, int index, int length) {
        if (broken) {
            return;
        }
        if (outstanding == 0) {
            error("unsolicited data");
            return;
        }
        if (messageOffset + length > ring.size()) {
            error("echo longer than " + ring.size() + " bytes");
            return;
        }
        if (!ByteBufUtil.equals(in, index, ring.payload(receiveSeq), (int) messageOffset, length)) {
            error("echo differs from message " + receiveSeq + " near offset " + messageOffset);
            return;
        }
        messageOffset += length;
    }

    @Override
    void onFrameEnd(boolean fin) {
        if (!fin || broken) {
            return;
        }
        if (messageOffset != ring.size()) {
            error("echo of " + messageOffset + " bytes, sent " + ring.size());
            return;
        }
        long now = System.nanoTime();
        stats.record(now - sentAt[(int) (receiveSeq % window)]);
        stats.messages++;
        stats.bytes += messageOffset;
        stats.inFlight--;
        receiveSeq++;
        outstanding--;
        messageOffset = 0;
    }

    @Override
    void onReadComplete() {
        topUp(System.nanoTime());
    }

    @Override
    void onClosed() {
        if (stats != null) {
            stats.inFlight -= outstanding;
            if (running && !broken) {
                stats.error(failure() != null ? failure() : "closed while running");
            }
        }
        outstanding = 0;
    }

    private void topUp(long now) {
        int n = window - outstanding;
        if (!running || broken || n <= 0 || !channel.isActive()) {
            return;
        }
        ring.write(channel, sendSeq, n);
        for (int i = 0; i < n; i++) {
            sentAt[(int) ((sendSeq + i) % window)] = now;
        }
        sendSeq += n;
        outstanding += n;
        stats.inFlight += n;
        channel.flush();
    }

    private void error(String what) {
        broken = true;
        stats.error(what);
        fail(what);
    }
}
