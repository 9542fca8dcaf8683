package dev.ws.boot.cluster;

import static dev.ws.handler.BroadcastRejectedException.BUFFER_FULL;
import static dev.ws.handler.BroadcastRejectedException.CLOSED;
import static dev.ws.handler.BroadcastRejectedException.EXPIRED;
import static dev.ws.handler.BroadcastRejectedException.TOO_LARGE;

import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastRejectedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's side of the stream: a bounded FIFO of messages waiting for Redis, written as batches,
 * <b>one write in flight at a time</b>.
 *
 * <p>Why one at a time: a batch leaves the queue only when Redis acknowledged it, and the next
 * batch is written only then, so the stream holds this node's messages in the order they were
 * published. A write that failed or timed out is written again, whole; if the first attempt
 * landed after all, readers drop the copies by sequence number. While one write is in flight, new
 * messages gather in the queue and go out together in the next batch: under load the batches
 * grow, at rest a message waits one round trip at most.
 *
 * <p>Bounds: at most {@code bufferMaxMessages} messages and {@code bufferMaxBytes} bytes wait; a
 * publish beyond them fails at once ({@code buffer-full}). A message that waited longer than
 * {@code bufferMaxAge} (Redis unreachable) is dropped, its stage failed ({@code expired}). Each
 * refusal and drop is reported to the listeners; nothing is lost silently.
 *
 * <p>Threads: {@link #publish} runs on any thread and holds the lock for a few field updates;
 * it starts a write itself when none is running (the write does not block: Lettuce queues it).
 * Completions, retries and expiry run on the bus thread.
 */
final class StreamPublisher {

    private record Pending(long seq, byte[] bytes, long enqueuedNanos, CompletableFuture<Void> done) {
    }

    private final StreamLink link;
    private final UUID origin;
    private final BusSettings settings;
    private final ScheduledExecutorService executor;
    private final BusEvents events;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long nextSeq = 1;
    /** A write chain runs: a write is in flight, or a retry is scheduled. Only that chain writes. */
    private boolean flushing;
    private boolean closed;

    StreamPublisher(StreamLink link, UUID origin, BusSettings settings, ScheduledExecutorService executor,
            BusEvents events) {
        this.link = link;
        this.origin = origin;
        this.settings = settings;
        this.executor = executor;
        this.events = events;
    }

    CompletionStage<Void> publish(Broadcast broadcast) {
        byte[] bytes;
        try {
            bytes = BatchCodec.encodeMessage(broadcast, System.currentTimeMillis());
        } catch (BroadcastRejectedException e) {
            return refused(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        BroadcastRejectedException refusal = null;
        boolean start = false;
        lock.lock();
        try {
            if (closed) {
                refusal = new BroadcastRejectedException(CLOSED, "the cluster bus is closed");
            } else if (bytes.length > settings.bufferMaxBytes()) {
                refusal = new BroadcastRejectedException(TOO_LARGE, "a message of " + bytes.length
                        + " bytes exceeds the bus buffer of " + settings.bufferMaxBytes() + " bytes");
            } else if (queue.size() >= settings.bufferMaxMessages()
                    || queuedBytes + bytes.length > settings.bufferMaxBytes()) {
                refusal = new BroadcastRejectedException(BUFFER_FULL, "the cluster bus buffer is full ("
                        + queue.size() + " messages, " + queuedBytes + " bytes wait for Redis)");
            } else {
                queue.add(new Pending(nextSeq++, bytes, System.nanoTime(), done));
                queuedBytes += bytes.length;
                start = !flushing;
                flushing = true;
            }
        } finally {
            lock.unlock();
        }
        if (refusal != null) {
            return refused(refusal);
        }
        if (start) {
            flush();
        }
        return done;
    }

    /** Messages waiting for Redis (the one batch in flight included). */
    int buffered() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    long bufferedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new messages, waits up to the timeout for the buffered ones to be written, then fails
     * what is left ({@code closed}). Blocks the caller (the application's shutdown thread).
     */
    void close() {
        List<Pending> left;
        lock.lock();
        try {
            closed = true;
            long nanos = settings.shutdownTimeout().toNanos();
            while (!queue.isEmpty() && nanos > 0 && link.isOpen()) {
                nanos = drained.awaitNanos(nanos);
            }
            left = new ArrayList<>(queue);
            queue.clear();
            queuedBytes = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        fail(left, CLOSED, "the cluster bus closed before Redis took the message");
    }

    /** Writes the head of the queue as one batch; runs only as part of the write chain. */
    private void flush() {
        List<Pending> expired = new ArrayList<>();
        List<Pending> batch = null;
        boolean retry = false;
        lock.lock();
        try {
            long oldest = System.nanoTime() - settings.bufferMaxAge().toNanos();
            while (!queue.isEmpty() && queue.peek().enqueuedNanos() - oldest < 0) {
                Pending p = queue.poll();
                queuedBytes -= p.bytes().length;
                expired.add(p);
            }
            if (queue.isEmpty()) {
                flushing = false;
                drained.signalAll();
            } else if (!link.isOpen()) {
                retry = true;
            } else {
                batch = head();
            }
        } finally {
            lock.unlock();
        }
        fail(expired, EXPIRED, "the message waited longer than " + settings.bufferMaxAge() + " for Redis");
        if (retry) {
            retryLater();
        } else if (batch != null) {
            write(batch);
        }
    }

    /** The batch at the head of the queue, left in it until Redis acknowledges it. */
    private List<Pending> head() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), settings.batchMaxMessages()));
        long bytes = 0;
        for (Pending p : queue) {
            if (!batch.isEmpty() && (batch.size() == settings.batchMaxMessages()
                    || bytes + p.bytes().length > settings.batchMaxBytes())) {
                break;
            }
            batch.add(p);
            bytes += p.bytes().length;
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        List<byte[]> messages = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            messages.add(p.bytes());
        }
        byte[] body = BatchCodec.encodeBatch(origin, batch.get(0).seq(), messages);
        CompletableFuture<String> written;
        try {
            written = link.add(body).toCompletableFuture();
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.orTimeout(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((id, error) -> written(batch, error), executor);
    }

    private void written(List<Pending> batch, Throwable error) {
        if (error != null) {
            events.onPublishFailed(batch.size(), "redis");
            events.down(error);
            retryLater();
            return;
        }
        lock.lock();
        try {
            if (queue.peek() != batch.get(0)) { // closed and cleared meanwhile
                return;
            }
            for (Pending p : batch) {
                Pending head = queue.poll();
                assert head == p : "batch " + batch.get(0).seq() + " is not the head of the queue";
                queuedBytes -= p.bytes().length;
            }
        } finally {
            lock.unlock();
        }
        events.up();
        events.onPublished(batch.size());
        for (Pending p : batch) {
            p.done().complete(null);
        }
        flush();
    }

    private void retryLater() {
        try {
            executor.schedule(this::flush, settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) { // the bus stopped: close() fails the rest
            lock.lock();
            try {
                flushing = false;
            } finally {
                lock.unlock();
            }
        }
    }

    private CompletionStage<Void> refused(BroadcastRejectedException e) {
        events.onPublishFailed(1, e.reason());
        return CompletableFuture.failedFuture(e);
    }

    private void fail(List<Pending> pending, String reason, String message) {
        if (pending.isEmpty()) {
            return;
        }
        events.onPublishFailed(pending.size(), reason);
        BroadcastRejectedException e = new BroadcastRejectedException(reason, message);
        for (Pending p : pending) {
            p.done().completeExceptionally(e);
        }
    }

    @Override
    public String toString() {
        return "StreamPublisher[" + buffered() + " buffered, next seq " + nextSeq + "]";
    }
}
