package dev.ws.boot.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ws.boot.TestClient;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.boot.cluster.RedisServer;
import dev.ws.boot.health.WsClusterHealthIndicator;
import dev.ws.handler.BroadcastBus.State;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of a chat application on different ports, one real {@code redis-server} (skipped
 * when none is installed), clients of the JDK on each instance: room and user messages cross
 * instances in order per sender, and a Redis restart mid-run crashes nothing, keeps local
 * delivery going, and delivers what was sent during the outage once Redis is back.
 */
@Timeout(60)
class WsClusterIntegrationTest {

    private static RedisServer redis;
    private static Instance a;
    private static Instance b;
    private final List<TestClient> clients = new ArrayList<>();

    record Instance(ConfigurableApplicationContext context, int port) {

        WsSessionRegistry registry() {
            return context.getBean(WsSessionRegistry.class);
        }

        RedisBroadcastBus bus() {
            return context.getBean(RedisBroadcastBus.class);
        }

        double meter(String name) {
            return context.getBean(MeterRegistry.class).get(name).meters().stream()
                    .mapToDouble(m -> m.measure().iterator().next().getValue()).sum();
        }
    }

    @BeforeAll
    static void startRedisAndTwoInstances() throws Exception {
        redis = RedisServer.startIfInstalled();
        if (redis == null) {
            return;
        }
        String stream = "it:" + UUID.randomUUID();
        a = start("a", stream);
        b = start("b", stream);
    }

    static Instance start(String name, String stream) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ClusterChatApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=chat-" + name, "spring.jmx.enabled=false",
                        "ws.server.port=0", "ws.server.event-loops=1",
                        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
                        "ws.cluster.enabled=true", "ws.cluster.redis.stream=" + stream,
                        "ws.cluster.redis.retry-interval=100ms", "ws.cluster.redis.poll-timeout=1s")
                .run();
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.ws.server.port"));
        Instance instance = new Instance(ctx, port);
        await().atMost(10, TimeUnit.SECONDS).until(() -> instance.bus().state() == State.UP);
        return instance;
    }

    @AfterAll
    static void stopAll() {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) {
                i.context.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void requireRedis() {
        RedisServer.assumeInstalled(redis);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(c -> c.ws.abort());
    }

    private TestClient connect(Instance instance, String path) throws Exception {
        TestClient c = TestClient.connect(instance.port, path);
        clients.add(c);
        return c;
    }

    private static void awaitMembers(Instance instance, String group, int n) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.registry().members(group).size() == n);
    }

    private static List<String> numbered(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** The next n messages, or fails naming how many came. */
    private static List<String> take(TestClient c, int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (got.size() < n) {
            Object m = c.messages.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("got " + got.size() + " of " + n + " messages: " + got);
            }
            got.add((String) m);
        }
        return got;
    }

    @Test
    void roomMessagesReachTheMembersOnTheOtherInstanceInOrderPerSender() throws Exception {
        TestClient ann = connect(a, "/chat/lobby");
        TestClient dave = connect(a, "/chat/lobby");
        TestClient bob = connect(b, "/chat/lobby");
        TestClient carol = connect(b, "/chat/kitchen");
        awaitMembers(a, "lobby", 2);
        awaitMembers(b, "lobby", 1);
        awaitMembers(b, "kitchen", 1);

        Thread fromBob = Thread.ofVirtual().start(() -> numbered("bob-", 200).forEach(m -> bob.ws.sendText(m, true).join()));
        for (String m : numbered("ann-", 200)) {
            ann.ws.sendText(m, true).join();
        }
        fromBob.join();

        assertThat(take(bob, 200)).containsExactlyElementsOf(numbered("ann-", 200));
        assertThat(take(ann, 200)).containsExactlyElementsOf(numbered("bob-", 200));
        List<String> atDave = take(dave, 400);
        assertThat(atDave.stream().filter(m -> m.startsWith("ann-"))).containsExactlyElementsOf(numbered("ann-", 200));
        assertThat(atDave.stream().filter(m -> m.startsWith("bob-"))).containsExactlyElementsOf(numbered("bob-", 200));
        assertThat(carol.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(bob.messages.poll(100, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
        assertThat(a.meter("ws.cluster.messages.published")).isGreaterThanOrEqualTo(200);
        assertThat(b.meter("ws.cluster.messages.received")).isGreaterThanOrEqualTo(200);
    }

    @Test
    void userMessagesReachTheUsersSessionsOnEveryInstance() throws Exception {
        TestClient erinOnA = connect(a, "/notify?user=erin");
        TestClient erinOnB = connect(b, "/notify?user=erin");
        TestClient frankOnB = connect(b, "/notify?user=frank");
        TestClient sender = connect(a, "/notify?user=gus");
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.registry().userSessions("erin").size() == 1
                && b.registry().userSessions("erin").size() == 1 && b.registry().userSessions("frank").size() == 1);

        sender.ws.sendText("erin:your order shipped", true).join();

        assertThat(erinOnA.next()).isEqualTo("your order shipped");
        assertThat(erinOnB.next()).isEqualTo("your order shipped");
        assertThat(frankOnB.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRedisRestartCrashesNothingKeepsLocalDeliveryAndDeliversTheOutagesMessagesAfterwards() throws Exception {
        TestClient ann = connect(a, "/chat/outage");
        TestClient dave = connect(a, "/chat/outage");
        TestClient bob = connect(b, "/chat/outage");
        awaitMembers(a, "outage", 2);
        awaitMembers(b, "outage", 1);
        ann.ws.sendText("before", true).join();
        assertThat(bob.next()).isEqualTo("before");
        assertThat(dave.next()).isEqualTo("before");

        redis.stop();
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.bus().state() == State.DOWN && b.bus().state() == State.DOWN);
            assertThat(a.context.getBean(WsClusterHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);

            for (String m : numbered("during-", 20)) {
                ann.ws.sendText(m, true).join();
            }

            assertThat(take(dave, 20)).as("local delivery goes on").containsExactlyElementsOf(numbered("during-", 20));
            assertThat(bob.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(a.bus().buffered()).isEqualTo(20);
            assertThat(a.meter("ws.cluster.buffered")).isEqualTo(20);
            for (Instance i : new Instance[] {a, b}) {
                assertThat(i.context.isActive()).isTrue();
                assertThat(i.context.getBean(WebSocketServer.class).isRunning()).isTrue();
            }
            TestClient newcomer = connect(b, "/chat/outage"); // the server still takes new sessions
            awaitMembers(b, "outage", 2);
            newcomer.ws.sendText("from b during the outage", true).join();
            assertThat(bob.next()).isEqualTo("from b during the outage");
        } finally {
            redis.start();
        }

        assertThat(take(bob, 20)).as("the outage's messages, after it").containsExactlyElementsOf(numbered("during-", 20));
        assertThat(take(ann, 1)).containsExactly("from b during the outage");
        await().atMost(10, TimeUnit.SECONDS).until(() -> a.bus().state() == State.UP && b.bus().state() == State.UP);
        assertThat(a.bus().buffered()).isZero();
        assertThat(b.context.getBean(WsClusterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        ann.ws.sendText("after", true).join();
        assertThat(bob.next()).isEqualTo("after");
        assertThat(b.meter("ws.cluster.messages.lost")).isZero();
    }
}
