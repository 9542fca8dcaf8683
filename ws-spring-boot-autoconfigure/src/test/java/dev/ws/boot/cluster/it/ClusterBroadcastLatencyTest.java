package dev.ws.boot.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ws.boot.cluster.RedisServer;
import dev.ws.client.ClientHandler;
import dev.ws.client.ClientSession;
import dev.ws.client.Dialer;
import dev.ws.handler.BroadcastBus.State;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.handler.WsSessionRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The figure for the README: broadcast latency across instances for 1,000 receivers. Instance A
 * has the sender, instance B the 1,000 receivers (and, for comparison, a run with all of them on
 * A, without the Redis hop). Each message carries the sender's {@code System.nanoTime()} (one
 * JVM, one clock); a receiver records arrival minus that. Reported: p50/p99 over broadcasts of
 * the time until the first receiver had it (the hop), over every delivery, and over broadcasts of
 * the time until the last receiver had it (the fan-out). Messages are paced: the next one goes
 * when all receivers have the previous one.
 *
 * <p>Opt-in, it is a measurement, not a test: {@code -Dws.cluster.latency=true} (and
 * {@code -Dws.cluster.latency.messages=N}, default 300). Needs {@code redis-server}.
 */
class ClusterBroadcastLatencyTest {

    private static final int RECEIVERS = 1000;

    @Test
    void measureBroadcastLatencyForAThousandReceivers() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ws.cluster.latency"), "a measurement: run with -Dws.cluster.latency=true");
        int messages = Integer.getInteger("ws.cluster.latency.messages", 300);
        RedisServer started = RedisServer.startIfInstalled();
        RedisServer.assumeInstalled(started);
        try (RedisServer redis = started) {
            String stream = "bench:" + UUID.randomUUID();
            ConfigurableApplicationContext a = start(redis, stream, "a");
            ConfigurableApplicationContext b = start(redis, stream, "b");
            try {
                System.out.println(run("across instances (sender on A, 1000 receivers on B)", a, b, messages));
                System.out.println(run("one instance (sender and 1000 receivers on A)", a, a, messages));
            } finally {
                b.close();
                a.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(RedisServer redis, String stream, String name) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ClusterChatApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=bench-" + name, "spring.jmx.enabled=false",
                        "ws.server.port=0", "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + redis.port(), "ws.cluster.enabled=true",
                        "ws.cluster.redis.stream=" + stream, "logging.level.root=warn")
                .run();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ctx.getBean(RedisBroadcastBus.class).state() == State.UP);
        return ctx;
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.ws.server.port"));
    }

    private static String run(String label, ConfigurableApplicationContext senderNode,
            ConfigurableApplicationContext receiverNode, int messages) throws Exception {
        String room = "/chat/bench-" + UUID.randomUUID();
        int warmup = 50;
        int total = warmup + messages;
        long[] deliveries = new long[RECEIVERS * messages];
        AtomicInteger recorded = new AtomicInteger();
        long[] sentAt = new long[total];
        long[] firstArrival = new long[total];
        long[] lastArrival = new long[total];
        AtomicInteger[] arrived = new AtomicInteger[total];
        Arrays.setAll(arrived, i -> new AtomicInteger());
        AtomicReference<CountDownLatch> all = new AtomicReference<>();

        Dialer dialer = Dialer.builder().connectTimeout(Duration.ofSeconds(30)).build();
        List<ClientSession> receivers = new ArrayList<>();
        ClientHandler handler = new ClientHandler() {
            @Override
            public void onText(ClientSession session, String text) {
                long now = System.nanoTime();
                int seq = Integer.parseInt(text.substring(0, text.indexOf(':')));
                if (seq >= warmup) {
                    deliveries[recorded.getAndIncrement()] = now - sentAt[seq];
                }
                int n = arrived[seq].incrementAndGet();
                if (n == 1) {
                    firstArrival[seq] = now;
                }
                if (n == RECEIVERS) {
                    lastArrival[seq] = now;
                    all.get().countDown();
                }
            }
        };
        URI receiverUri = URI.create("ws://127.0.0.1:" + port(receiverNode) + room);
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.add(dialer.connect(receiverUri, handler));
        }
        String group = room.substring("/chat/".length());
        WsSessionRegistry receiverRegistry = receiverNode.getBean(WsSessionRegistry.class);
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiverRegistry.members(group).size() >= RECEIVERS);
        ClientSession sender = dialer.connect(URI.create("ws://127.0.0.1:" + port(senderNode) + room), new ClientHandler() { });
        try {
            for (int seq = 0; seq < total; seq++) {
                all.set(new CountDownLatch(1));
                sentAt[seq] = System.nanoTime();
                sender.sendText(seq + ":" + "x".repeat(64));
                assertThat(all.get().await(30, TimeUnit.SECONDS)).as("message %d reached all receivers", seq).isTrue();
            }
        } finally {
            sender.close();
            receivers.forEach(ClientSession::close);
        }
        long[] perDelivery = Arrays.copyOf(deliveries, recorded.get());
        long[] first = new long[messages];
        long[] last = new long[messages];
        for (int i = 0; i < messages; i++) {
            first[i] = firstArrival[warmup + i] - sentAt[warmup + i];
            last[i] = lastArrival[warmup + i] - sentAt[warmup + i];
        }
        Arrays.sort(perDelivery);
        Arrays.sort(first);
        Arrays.sort(last);
        return String.format("%s, %d messages of 66 B to %d receivers (%d cores), p50 / p99 in ms:"
                + " first receiver %.2f / %.2f, every delivery %.2f / %.2f, last receiver %.2f / %.2f", label,
                messages, RECEIVERS, Runtime.getRuntime().availableProcessors(), millis(first, 0.50),
                millis(first, 0.99), millis(perDelivery, 0.50), millis(perDelivery, 0.99), millis(last, 0.50),
                millis(last, 0.99));
    }

    private static double millis(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
