package dev.ws.boot.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream in memory, shared by several {@link Link}s (nodes), with ids {@code n-0}. Links can be
 * cut (not open), made to fail writes, to hold them (complete them by hand), or to land a write
 * without ever acknowledging it (a timeout after the fact).
 */
final class FakeStream implements AutoCloseable {

    private final List<StreamLink.Entry> entries = new ArrayList<>();
    private final List<Runnable> waiters = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-stream");
        t.setDaemon(true);
        return t;
    });
    private long nextId = 1;

    /** Appends an entry as any writer would; returns its id. */
    synchronized String append(byte[] body) {
        String id = (nextId++) + "-0";
        entries.add(new StreamLink.Entry(id, body));
        List<Runnable> wake = new ArrayList<>(waiters);
        waiters.clear();
        timer.execute(() -> wake.forEach(Runnable::run));
        return id;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized List<StreamLink.Entry> entries() {
        return List.copyOf(entries);
    }

    private synchronized List<StreamLink.Entry> after(String id, int max) {
        long n = Long.parseLong(id.substring(0, id.indexOf('-')));
        List<StreamLink.Entry> out = new ArrayList<>();
        for (StreamLink.Entry e : entries) {
            if (Long.parseLong(e.id().substring(0, e.id().indexOf('-'))) > n && out.size() < max) {
                out.add(e);
            }
        }
        return out;
    }

    Link link() {
        return new Link();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One node's connection to the fake stream. */
    final class Link implements StreamLink {

        volatile boolean open = true;
        volatile boolean connectFails;
        final AtomicInteger failWrites = new AtomicInteger();
        final AtomicInteger landWithoutAck = new AtomicInteger();
        volatile boolean holdWrites;
        private final List<Runnable> held = new ArrayList<>();
        final List<Integer> writeSizes = new ArrayList<>();
        final AtomicInteger writesInFlight = new AtomicInteger();
        volatile int maxWritesInFlight;
        private BusSettings settings;

        Link settings(BusSettings s) {
            this.settings = s;
            return this;
        }

        @Override
        public void connect() throws Exception {
            if (connectFails) {
                throw new java.net.ConnectException("refused (fake)");
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public synchronized CompletionStage<String> add(byte[] body) {
            writeSizes.add(BatchCodec.decode(body).messages().size());
            maxWritesInFlight = Math.max(maxWritesInFlight, writesInFlight.incrementAndGet());
            CompletableFuture<String> f = new CompletableFuture<>();
            f.whenComplete((id, e) -> writesInFlight.decrementAndGet());
            if (failWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                f.completeExceptionally(new java.io.IOException("write failed (fake)"));
            } else if (landWithoutAck.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                append(body); // lands, but the reply never comes: the writer times out
            } else if (holdWrites) {
                held.add(() -> f.complete(append(body)));
            } else {
                f.complete(append(body));
            }
            return f;
        }

        /** Lets the held writes land and be acknowledged; later writes go through at once. */
        void release() {
            List<Runnable> h;
            synchronized (this) {
                holdWrites = false;
                h = new ArrayList<>(held);
                held.clear();
            }
            h.forEach(Runnable::run);
        }

        synchronized int heldWrites() {
            return held.size();
        }

        @Override
        public CompletionStage<List<Entry>> readAfter(String id) {
            CompletableFuture<List<Entry>> f = new CompletableFuture<>();
            if (!open) {
                return f; // hangs, like a read replayed after a reconnect that has not happened
            }
            int count = settings == null ? 100 : settings.readCount();
            List<Entry> now = after(id, count);
            if (!now.isEmpty()) {
                f.complete(now);
                return f;
            }
            synchronized (FakeStream.this) {
                waiters.add(() -> {
                    if (open) {
                        f.complete(after(id, count));
                    }
                });
            }
            long poll = settings == null ? 200 : settings.pollTimeout().toMillis();
            timer.schedule(() -> f.complete(List.of()), poll, TimeUnit.MILLISECONDS);
            return f;
        }

        @Override
        public CompletionStage<String> lastId() {
            synchronized (FakeStream.this) {
                return CompletableFuture.completedFuture(entries.isEmpty() ? "0-0" : entries.getLast().id());
            }
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
