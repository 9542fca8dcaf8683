package dev.ws.boot.cluster;

import dev.ws.handler.BroadcastBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a bus reports. */
final class RecordingListener implements BroadcastBusListener {

    final AtomicLong published = new AtomicLong();
    final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    final AtomicLong received = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final List<BroadcastBus.State> states = new CopyOnWriteArrayList<>();

    long failed(String reason) {
        AtomicLong n = failed.get(reason);
        return n == null ? 0 : n.get();
    }

    @Override
    public void onPublished(int messages) {
        published.addAndGet(messages);
    }

    @Override
    public void onPublishFailed(int messages, String reason) {
        failed.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(messages);
    }

    @Override
    public void onReceived(long lagMillis) {
        received.incrementAndGet();
    }

    @Override
    public void onDuplicates(int messages) {
        duplicates.addAndGet(messages);
    }

    @Override
    public void onLost(long messages) {
        lost.addAndGet(messages);
    }

    @Override
    public void onMalformed() {
        malformed.incrementAndGet();
    }

    @Override
    public void onStateChanged(BroadcastBus.State from, BroadcastBus.State to) {
        states.add(to);
    }
}
