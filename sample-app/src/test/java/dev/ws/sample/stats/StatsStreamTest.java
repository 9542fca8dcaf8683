package dev.ws.sample.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.boot.LocalWsServerPort;
import dev.ws.sample.WsTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/** The server-push stream: a snapshot at once, then the same tick broadcast to every subscriber. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
class StatsStreamTest {

    @LocalWsServerPort
    int port;

    @Test
    void sendsASnapshotAtOnceThenOneTickASecondToEverySubscriber() throws Exception {
        try (WsTestClient a = WsTestClient.connect(port, StatsHandler.PATH);
                WsTestClient b = WsTestClient.connect(port, StatsHandler.PATH)) {
            JsonNode first = a.nextJson();
            assertThat(first.path("heapUsed").asLong()).isPositive();
            assertThat(first.path("uptimeMillis").asLong()).isPositive();
            assertThat(first.path("sessions").asInt()).isPositive(); // taken now, counting a
            b.nextJson();

            // b's first broadcast tick reaches a too, the same snapshot (one encoding for all);
            // a may have had one more tick before b subscribed
            JsonNode tickB = b.nextJson();
            JsonNode tickA = a.nextJson();
            if (tickA.path("tick").asLong() < tickB.path("tick").asLong()) {
                tickA = a.nextJson();
            }
            assertThat(tickA).isEqualTo(tickB);
            assertThat(tickA.path("tick").asLong()).isGreaterThan(first.path("tick").asLong());
            assertThat(tickA.path("sessions").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(tickA.path("threads").asInt()).isPositive();
        }
    }

    @Test
    void countsChatRoomsAndTheirMembers() throws Exception {
        try (WsTestClient chat = WsTestClient.connect(port, "/chat/stats-room?name=x");
                WsTestClient stats = WsTestClient.connect(port, StatsHandler.PATH)) {
            chat.nextOfType("welcome");
            stats.nextJson(); // the snapshot may predate the join
            JsonNode tick = stats.nextJson();
            assertThat(tick.path("chatRooms").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(tick.path("chatMembers").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void closesWith1003WhenASubscriberSendsSomething() throws Exception {
        WsTestClient c = WsTestClient.connect(port, StatsHandler.PATH);
        c.nextJson();
        c.sendText("hello?");
        assertThat(c.awaitClose()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
}
