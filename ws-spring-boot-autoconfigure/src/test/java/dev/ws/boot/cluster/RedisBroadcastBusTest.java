package dev.ws.boot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastBus.State;
import dev.ws.handler.BroadcastRejectedException;
import dev.ws.handler.BroadcastTarget;
import dev.ws.server.PreparedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bus's logic over a stream in memory: order per node, batching behind the one write in
 * flight, retries without reordering, duplicates dropped, gaps counted, bounds enforced, catch-up
 * after an outage. The same bus runs over real Redis in {@code RedisBroadcastBusRedisTest}.
 */
class RedisBroadcastBusTest {

    private final FakeStream stream = new FakeStream();
    private final List<RedisBroadcastBus> buses = new ArrayList<>();

    private static RedisBroadcastBus.Builder settings() {
        return RedisBroadcastBus.builder(() -> null).pollTimeout(Duration.ofMillis(200))
                .commandTimeout(Duration.ofMillis(300)).retryInterval(Duration.ofMillis(50))
                .shutdownTimeout(Duration.ofMillis(500));
    }

    private record Node(RedisBroadcastBus bus, FakeStream.Link link, List<String> got, RecordingListener events) {
    }

    private Node node(RedisBroadcastBus.Builder builder) {
        FakeStream.Link link = stream.link();
        RedisBroadcastBus bus = new RedisBroadcastBus(s -> link.settings(s), builder.settings());
        List<String> got = new CopyOnWriteArrayList<>();
        bus.subscribe(b -> got.add(text(b)));
        RecordingListener events = new RecordingListener();
        bus.addListener(events);
        buses.add(bus);
        return new Node(bus, link, got, events);
    }

    private Node started(RedisBroadcastBus.Builder builder) {
        Node n = node(builder);
        n.bus.start();
        await().atMost(5, TimeUnit.SECONDS).until(() -> n.bus.state() == State.UP);
        return n;
    }

    @AfterEach
    void close() {
        buses.forEach(RedisBroadcastBus::close);
        stream.close();
    }

    private static Broadcast message(String text) {
        return new Broadcast(BroadcastTarget.group("lobby"), PreparedMessage.text(text));
    }

    private static String text(Broadcast b) {
        byte[] bytes = new byte[b.message().payloadLength()];
        b.message().payload().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void deliversAnotherNodesMessagesInPublishOrderAndNeverItsOwn() {
        Node a = started(settings());
        Node b = started(settings());
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        numbered(0, 1000).forEach(m -> stages.add(a.bus.publish(message(m)).toCompletableFuture()));

        await().atMost(10, TimeUnit.SECONDS).until(() -> b.got.size() == 1000);
        assertThat(b.got).containsExactlyElementsOf(numbered(0, 1000));
        assertThat(a.got).isEmpty();
        assertThat(CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(5));
        assertThat(a.events.published).hasValue(1000);
        assertThat(b.events.received).hasValue(1000);
        assertThat(a.link.maxWritesInFlight).isEqualTo(1);
    }

    @Test
    void gathersMessagesIntoOneBatchWhileAWriteIsInFlight() {
        Node a = started(settings());
        Node b = started(settings());
        a.link.holdWrites = true;
        numbered(0, 10).forEach(m -> a.bus.publish(message(m)));
        assertThat(a.link.heldWrites()).isEqualTo(1);
        assertThat(a.bus.buffered()).isEqualTo(10);

        a.link.release();

        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 10);
        assertThat(b.got).containsExactlyElementsOf(numbered(0, 10));
        assertThat(a.link.writeSizes).containsExactly(1, 9);
        assertThat(a.bus.buffered()).isZero();
        assertThat(a.bus.bufferedBytes()).isZero();
    }

    @Test
    void retriesAFailedWriteWholeWithoutReordering() {
        Node a = started(settings());
        Node b = started(settings());
        a.link.failWrites.set(3);
        numbered(0, 50).forEach(m -> a.bus.publish(message(m)));

        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 50);
        assertThat(b.got).containsExactlyElementsOf(numbered(0, 50));
        assertThat(a.events.failed("redis")).isPositive();
        assertThat(a.events.published).hasValue(50);
        assertThat(a.events.states).contains(State.DOWN);
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.bus.state() == State.UP);
    }

    @Test
    void dropsTheCopyOfAWriteThatLandedButTimedOut() {
        Node a = started(settings());
        Node b = started(settings());
        a.link.landWithoutAck.set(1);
        numbered(0, 5).forEach(m -> a.bus.publish(message(m)));

        await().atMost(5, TimeUnit.SECONDS).until(() -> a.bus.buffered() == 0 && b.got.size() >= 5);
        await().during(Duration.ofMillis(300)).atMost(2, TimeUnit.SECONDS).until(() -> b.got.size() == 5);
        assertThat(b.got).containsExactlyElementsOf(numbered(0, 5));
        assertThat(b.events.duplicates).hasValue(1);
        assertThat(stream.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusesAtOnceWhenTheBufferIsFullAndSaysWhy() {
        Node a = node(settings().bufferMaxMessages(5).bufferMaxBytes(10_000));
        a.link.open = false; // Redis unreachable: nothing leaves
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        numbered(0, 5).forEach(m -> accepted.add(a.bus.publish(message(m)).toCompletableFuture()));

        CompletableFuture<Void> sixth = a.bus.publish(message("m5")).toCompletableFuture();

        assertThat(sixth).isCompletedExceptionally();
        assertThat(reason(sixth)).isEqualTo(BroadcastRejectedException.BUFFER_FULL);
        assertThat(accepted).noneMatch(CompletableFuture::isDone);
        assertThat(a.events.failed(BroadcastRejectedException.BUFFER_FULL)).isEqualTo(1);

        Node bytes = node(settings().bufferMaxBytes(200));
        bytes.link.open = false;
        assertThat(bytes.bus.publish(message("x".repeat(100))).toCompletableFuture()).isNotDone();
        assertThat(reason(bytes.bus.publish(message("y".repeat(100))).toCompletableFuture()))
                .isEqualTo(BroadcastRejectedException.BUFFER_FULL);
        assertThat(reason(bytes.bus.publish(message("z".repeat(300))).toCompletableFuture()))
                .isEqualTo(BroadcastRejectedException.TOO_LARGE);
    }

    @Test
    void dropsMessagesThatWaitedLongerThanTheMaxAge() {
        Node a = started(settings().bufferMaxAge(Duration.ofMillis(200)));
        a.link.open = false;
        CompletableFuture<Void> stage = a.bus.publish(message("late")).toCompletableFuture();

        await().atMost(5, TimeUnit.SECONDS).until(stage::isDone);
        assertThat(reason(stage)).isEqualTo(BroadcastRejectedException.EXPIRED);
        assertThat(a.events.failed(BroadcastRejectedException.EXPIRED)).isEqualTo(1);
        assertThat(a.bus.buffered()).isZero();
    }

    @Test
    void catchesUpFromItsLastPositionAfterLosingTheConnection() {
        Node a = started(settings());
        Node b = started(settings());
        a.bus.publish(message("before"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 1);

        b.link.open = false; // b's read hangs, as a read replayed after a reconnect does
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.bus.state() == State.DOWN);
        numbered(0, 20).forEach(m -> a.bus.publish(message(m)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.bus.buffered() == 0);
        assertThat(b.got).containsExactly("before");

        b.link.open = true;

        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 21);
        assertThat(b.got.subList(1, 21)).containsExactlyElementsOf(numbered(0, 20));
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.bus.state() == State.UP);
    }

    @Test
    void publishesWhatWasBufferedBeforeRedisWasReachable() {
        Node b = started(settings());
        Node a = node(settings());
        a.link.connectFails = true;
        a.bus.start();
        numbered(0, 3).forEach(m -> a.bus.publish(message(m)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.bus.state() == State.DOWN);
        assertThat(a.bus.lastError()).contains("refused (fake)");

        a.link.connectFails = false;

        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 3);
        assertThat(b.got).containsExactlyElementsOf(numbered(0, 3));
    }

    @Test
    void startsAtTheEndOfTheStream() {
        Node a = started(settings());
        a.bus.publish(message("old"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> stream.size() == 1);
        Node late = started(settings());
        a.bus.publish(message("new"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> late.got.size() == 1);
        assertThat(late.got).containsExactly("new");
    }

    @Test
    void countsGapsInANodesSequenceAsLostAndSkipsMalformedEntries() {
        Node b = started(settings());
        UUID other = UUID.randomUUID();
        stream.append(batch(other, 1, "one"));
        stream.append("not a batch".getBytes(StandardCharsets.UTF_8));
        stream.append(batch(other, 5, "five")); // 2, 3, 4 trimmed away

        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 2);
        assertThat(b.got).containsExactly("one", "five");
        assertThat(b.events.lost).hasValue(3);
        assertThat(b.events.malformed).hasValue(1);
    }

    @Test
    void closeWaitsForBufferedMessagesThenFailsTheRest() {
        Node a = started(settings().shutdownTimeout(Duration.ofMillis(200)));
        a.link.holdWrites = true;
        CompletableFuture<Void> inFlight = a.bus.publish(message("m0")).toCompletableFuture();
        CompletableFuture<Void> queued = a.bus.publish(message("m1")).toCompletableFuture();

        long t0 = System.nanoTime();
        a.bus.close();

        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(reason(inFlight)).isEqualTo(BroadcastRejectedException.CLOSED);
        assertThat(reason(queued)).isEqualTo(BroadcastRejectedException.CLOSED);
        assertThat(reason(a.bus.publish(message("after")).toCompletableFuture()))
                .isEqualTo(BroadcastRejectedException.CLOSED);
        assertThat(a.bus.state()).isEqualTo(State.CLOSED);
        assertThat(a.bus.isRunning()).isFalse();
        a.link.release(); // a late acknowledgement changes nothing
    }

    @Test
    void closeReturnsAsSoonAsTheBufferIsWritten() {
        Node a = started(settings().shutdownTimeout(Duration.ofSeconds(5)));
        Node b = started(settings());
        a.link.holdWrites = true;
        CompletableFuture<Void> stage = a.bus.publish(message("last words")).toCompletableFuture();
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(a.link::release);

        a.bus.close();

        assertThat(stage).isCompleted();
        await().atMost(5, TimeUnit.SECONDS).until(() -> b.got.size() == 1);
    }

    private static byte[] batch(UUID origin, long seq, String text) {
        return BatchCodec.encodeBatch(origin, seq,
                List.of(BatchCodec.encodeMessage(message(text), System.currentTimeMillis())));
    }

    private static String reason(CompletableFuture<Void> stage) {
        try {
            stage.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BroadcastRejectedException r) {
                return r.reason();
            }
            throw e;
        }
        throw new AssertionError("the stage succeeded");
    }
}
