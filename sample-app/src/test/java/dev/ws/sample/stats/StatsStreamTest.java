package dev.ws.sample.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import dev.ws.client.Received;
import dev.ws.sample.chat.ChatEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The server-push stream: a snapshot at once, then the same tick broadcast to every subscriber. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
@AutoConfigureWsTestClient
class StatsStreamTest {

    @Autowired
    WsTestClient client;

    @Test
    void sendsASnapshotAtOnceThenOneTickASecondToEverySubscriber() {
        try (WsTestSession a = client.connect(StatsHandler.PATH); WsTestSession b = client.connect(StatsHandler.PATH)) {
            ServerStats first = a.awaitJson(ServerStats.class);
            assertThat(first.heapUsed()).isPositive();
            assertThat(first.uptimeMillis()).isPositive();
            assertThat(first.sessions()).isPositive(); // taken now, counting a
            b.awaitJson(ServerStats.class);

            // b's first broadcast tick reaches a too, the same snapshot (one encoding for all);
            // a may have had one more tick before b subscribed
            ServerStats tickB = b.awaitJson(ServerStats.class);
            ServerStats tickA = a.awaitJson(ServerStats.class);
            if (tickA.tick() < tickB.tick()) {
                tickA = a.awaitJson(ServerStats.class);
            }
            assertThat(tickA).isEqualTo(tickB);
            assertThat(tickA.tick()).isGreaterThan(first.tick());
            assertThat(tickA.sessions()).isGreaterThanOrEqualTo(2);
            assertThat(tickA.threads()).isPositive();
        }
    }

    @Test
    void countsChatRoomsAndTheirMembers() {
        try (WsTestSession chat = client.connect("/chat/stats-room?name=x");
                WsTestSession stats = client.connect(StatsHandler.PATH)) {
            chat.awaitJson(ChatEvent.class, event -> event.type().equals("welcome"));
            stats.awaitJson(ServerStats.class); // the snapshot may predate the join
            ServerStats tick = stats.awaitJson(ServerStats.class);
            assertThat(tick.chatRooms()).isGreaterThanOrEqualTo(1);
            assertThat(tick.chatMembers()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void closesWith1003WhenASubscriberSendsSomething() {
        WsTestSession s = client.connect(StatsHandler.PATH);
        s.awaitJson(ServerStats.class);
        s.sendText("hello?");
        assertThat(closeAfterTicks(s).code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }

    /**
     * The close, after the ticks that were already on their way (the stream does not pause for the
     * test; one a second, so two at most), else the failure saying what came instead.
     */
    private static CloseStatus closeAfterTicks(WsTestSession s) {
        for (int ticks = 0; ticks < 2; ticks++) {
            if (s.awaitMessage() instanceof Received.Close close) {
                return close.status();
            }
        }
        return s.awaitClose();
    }
}
