package dev.ws.sample.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.sample.SampleApplication;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the sample application and one real {@code redis-server}, as the README starts
 * them (skipped when none is installed): a room spans both instances, member lists and unique
 * nicknames too, each instance's stats stay its own, and health shows the cluster bus.
 */
@Timeout(60)
class ChatAcrossInstancesTest {

    private static RedisProcess redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startRedisAndTwoInstances() throws Exception {
        redis = RedisProcess.startIfInstalled();
        if (redis == null) {
            return;
        }
        String stream = "sample:" + UUID.randomUUID();
        a = start(stream);
        b = start(stream);
    }

    private static ConfigurableApplicationContext start(String stream) {
        // arguments, as the README starts a second instance: they override application.yml
        return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--ws.server.port=0",
                "--ws.cluster.enabled=true", "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(), "--ws.cluster.redis.stream=" + stream,
                "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stopAll() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {b, a}) {
            if (c != null) {
                c.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void requireRedis() {
        Assumptions.assumeTrue(redis != null, RedisProcess.MISSING);
    }

    private static int wsPort(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.ws.server.port"));
    }

    private static int webPort(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    /** A test client for an instance's engine; cross-instance delivery on a loaded CI machine gets time. */
    private static WsTestClient client(ConfigurableApplicationContext instance) {
        return WsTestClient.create(wsPort(instance)).withTimeout(Duration.ofSeconds(15));
    }

    /** The next chat event of a type (others before it are skipped). */
    private static JsonNode nextOfType(WsTestSession session, String type) {
        return session.awaitJson(JsonNode.class, event -> type.equals(event.path("type").asString()));
    }

    private static List<String> members(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.path("members").forEach(n -> names.add(n.asString()));
        return names;
    }

    @Test
    void aRoomSpansBothInstancesWithOneMemberListAndUniqueNicknames() throws Exception {
        try (WsTestSession alice = client(a).connect("/chat/lobby?name=alice")) {
            assertThat(members(nextOfType(alice, "welcome"))).containsExactly("alice");
            try (WsTestSession bob = client(b).connect("/chat/lobby?name=bob")) {
                assertThat(members(nextOfType(bob, "welcome"))).containsExactly("alice", "bob");
                JsonNode joined = nextOfType(alice, "join");
                assertThat(joined.path("user").asString()).isEqualTo("bob");
                assertThat(members(joined)).containsExactly("alice", "bob");

                alice.sendText("{\"text\":\"hi from a\"}");
                JsonNode atBob = nextOfType(bob, "message");
                assertThat(atBob.path("user").asString()).isEqualTo("alice");
                assertThat(atBob.path("text").asString()).isEqualTo("hi from a");
                assertThat(nextOfType(alice, "message").path("text").asString()).isEqualTo("hi from a");

                try (WsTestSession otherBob = client(a).connect("/chat/lobby?name=Bob")) {
                    JsonNode welcome = nextOfType(otherBob, "welcome");
                    assertThat(welcome.path("user").asString()).isEqualTo("Bob (2)");
                    assertThat(members(welcome)).containsExactly("alice", "bob", "Bob (2)");
                    assertThat(members(nextOfType(bob, "join"))).containsExactly("alice", "bob", "Bob (2)");
                }
                assertThat(members(nextOfType(bob, "leave"))).containsExactly("alice", "bob");
            }
            assertThat(nextOfType(alice, "leave").path("user").asString()).isEqualTo("Bob (2)");
            JsonNode left = nextOfType(alice, "leave");
            assertThat(left.path("user").asString()).isEqualTo("bob");
            assertThat(members(left)).containsExactly("alice");
        }
    }

    @Test
    void aCrashedInstancesMembersVanish() throws Exception {
        // as a crashed instance leaves them: a member whose instance key has expired
        StringRedisTemplate template = a.getBean(StringRedisTemplate.class);
        template.opsForHash().put("ws-sample:chat:ghosts", "casper", "crashed-instance casper");
        try (WsTestSession casper = client(b).connect("/chat/ghosts?name=casper")) {
            JsonNode welcome = nextOfType(casper, "welcome");
            assertThat(welcome.path("user").asString()).isEqualTo("casper");
            assertThat(members(welcome)).containsExactly("casper");
        }
    }

    @Test
    void eachInstanceStreamsItsOwnStatsOnly() throws Exception {
        try (WsTestSession stats = client(b).connect("/stats")) {
            long previous = stats.awaitJson(JsonNode.class).path("tick").asLong();
            for (int i = 0; i < 3; i++) {
                long tick = stats.awaitJson(JsonNode.class).path("tick").asLong();
                assertThat(tick).as("one tick sequence: instance a's stats do not cross").isEqualTo(previous + 1);
                previous = tick;
            }
        }
    }

    @Test
    void healthShowsTheClusterBusAndRedis() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort(a) + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode components = JsonMapper.shared().readTree(health.body()).path("components");
        assertThat(components.path("wsCluster").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("wsCluster").path("details").path("state").asString()).isEqualTo("UP");
        assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
    }
}
