package dev.ws.boot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastBus.State;
import dev.ws.handler.BroadcastTarget;
import dev.ws.server.PreparedMessage;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bus against a real {@code redis-server} (skipped when none is installed): order between
 * nodes, catch-up of a node whose connection was cut while the others went on, and messages
 * published while Redis was down arriving after it came back.
 */
@Timeout(60)
class RedisBroadcastBusRedisTest {

    private static RedisServer redis;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final String stream = "test:" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.startIfInstalled();
    }

    @BeforeEach
    void requireRedis() {
        RedisServer.assumeInstalled(redis);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private record Node(RedisBroadcastBus bus, List<String> got, RecordingListener events) {
    }

    private Node node(int port) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        toClose.add(client::shutdown);
        RedisBroadcastBus bus = RedisBroadcastBus.builder(() -> client).stream(stream)
                .pollTimeout(Duration.ofMillis(500)).commandTimeout(Duration.ofSeconds(2))
                .retryInterval(Duration.ofMillis(100)).build();
        toClose.add(bus);
        List<String> got = new CopyOnWriteArrayList<>();
        bus.subscribe(b -> got.add(text(b)));
        RecordingListener events = new RecordingListener();
        bus.addListener(events);
        bus.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> bus.state() == State.UP);
        return new Node(bus, got, events);
    }

    @Test
    void carriesEachNodesBroadcastsToTheOthersInPublishOrder() {
        Node a = node(redis.port());
        Node b = node(redis.port());
        Thread fromB = Thread.ofVirtual().start(() -> numbered("b", 0, 1000).forEach(m -> b.bus.publish(message(m))));
        numbered("a", 0, 1000).forEach(m -> a.bus.publish(message(m)));

        await().atMost(20, TimeUnit.SECONDS).until(() -> a.got.size() == 1000 && b.got.size() == 1000);
        assertThat(b.got).containsExactlyElementsOf(numbered("a", 0, 1000));
        assertThat(a.got).containsExactlyElementsOf(numbered("b", 0, 1000));
        assertThat(fromB.isAlive()).isFalse();
        assertThat(a.events.published).hasValue(1000);
        assertThat(b.events.received).hasValue(1000);
        assertThat(b.events.lost).hasValue(0);
    }

    @Test
    void aNodeWhoseConnectionWasCutCatchesUpFromItsLastEntry() throws Exception {
        TcpProxy network = new TcpProxy(redis.port());
        toClose.add(network);
        Node a = node(redis.port());
        Node b = node(network.port());
        a.bus.publish(message("before"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> b.got.size() == 1);

        network.cut();
        await().atMost(10, TimeUnit.SECONDS).until(() -> b.bus.state() == State.DOWN);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        numbered("m", 0, 20).forEach(m -> written.add(a.bus.publish(message(m)).toCompletableFuture()));
        assertThat(CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(10));
        assertThat(b.got).containsExactly("before");

        network.restore();

        await().atMost(30, TimeUnit.SECONDS).until(() -> b.got.size() == 21);
        assertThat(b.got.subList(1, 21)).containsExactlyElementsOf(numbered("m", 0, 20));
        assertThat(b.events.lost).hasValue(0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> b.bus.state() == State.UP);
    }

    @Test
    void messagesPublishedWhileRedisIsDownArriveAfterItComesBack() throws Exception {
        Node a = node(redis.port());
        Node b = node(redis.port());
        a.bus.publish(message("before"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> b.got.size() == 1);

        redis.stop();
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.bus.state() == State.DOWN);
            List<CompletableFuture<Void>> written = new ArrayList<>();
            numbered("m", 0, 10).forEach(m -> written.add(a.bus.publish(message(m)).toCompletableFuture()));
            assertThat(written).noneMatch(CompletableFuture::isDone);
            assertThat(a.bus.buffered()).isEqualTo(10);
        } finally {
            redis.start();
        }

        await().atMost(30, TimeUnit.SECONDS).until(() -> b.got.size() == 11);
        assertThat(b.got.subList(1, 11)).containsExactlyElementsOf(numbered("m", 0, 10));
        assertThat(a.bus.buffered()).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> a.bus.state() == State.UP && b.bus.state() == State.UP);
        assertThat(a.events.states).containsSubsequence(State.DOWN, State.UP);
    }

    private static Broadcast message(String text) {
        return new Broadcast(BroadcastTarget.group("lobby"), PreparedMessage.text(text));
    }

    private static String text(Broadcast b) {
        byte[] bytes = new byte[b.message().payloadLength()];
        b.message().payload().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }
}
