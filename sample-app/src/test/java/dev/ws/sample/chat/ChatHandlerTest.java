package dev.ws.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.boot.LocalWsServerPort;
import dev.ws.sample.WsTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * The chat endpoint in the whole application on free ports, driven by the JDK's WebSocket client.
 * Each test uses rooms of its own: the application context (and its registry) is shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
class ChatHandlerTest {

    @LocalWsServerPort
    int port;

    /**
     * Connects, and waits for the welcome: the engine runs {@code @OnOpen} after the handshake, on
     * the session's own thread, so the next client would otherwise race this one into the room.
     */
    private WsTestClient join(String room, String name) throws Exception {
        WsTestClient c = WsTestClient.connect(port, "/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        lastWelcome = c.nextOfType("welcome");
        return c;
    }

    private JsonNode lastWelcome;

    @Test
    void welcomesTheNewcomerFirstAndTellsTheOthers() throws Exception {
        try (WsTestClient alice = WsTestClient.connect(port, "/chat/welcome?name=alice")) {
            JsonNode aliceWelcome = alice.nextJson(); // the first message, nothing before it
            assertThat(aliceWelcome.path("type").asString()).isEqualTo("welcome");
            assertThat(aliceWelcome.path("room").asString()).isEqualTo("welcome");
            assertThat(aliceWelcome.path("user").asString()).isEqualTo("alice");
            assertThat(names(aliceWelcome)).containsExactly("alice");

            WsTestClient bob = WsTestClient.connect(port, "/chat/welcome?name=bob");
            JsonNode bobWelcome = bob.nextJson();
            assertThat(bobWelcome.path("type").asString()).isEqualTo("welcome");
            assertThat(names(bobWelcome)).containsExactly("alice", "bob");

            JsonNode joined = alice.nextJson();
            assertThat(joined.path("type").asString()).isEqualTo("join");
            assertThat(joined.path("user").asString()).isEqualTo("bob");
            assertThat(names(joined)).containsExactly("alice", "bob");
            bob.expectSilence(100); // bob is not told about his own join
            bob.close();
        }
    }

    @Test
    void broadcastsMessagesToTheWholeRoomAndNoOtherRoom() throws Exception {
        try (WsTestClient alice = join("kitchen", "alice"); WsTestClient bob = join("kitchen", "bob");
                WsTestClient carol = join("garden", "carol")) {
            alice.nextOfType("join");

            alice.sendText("{\"text\":\"  soup is ready \"}");
            for (WsTestClient c : List.of(alice, bob)) {
                JsonNode m = c.nextOfType("message");
                assertThat(m.path("user").asString()).isEqualTo("alice");
                assertThat(m.path("text").asString()).isEqualTo("soup is ready");
                assertThat(m.path("room").asString()).isEqualTo("kitchen");
                assertThat(m.path("time").asLong()).isPositive();
                assertThat(m.has("members")).isFalse();
            }
            carol.expectSilence(200);
        }
    }

    @Test
    void makesATakenNicknameUniqueIgnoringCase() throws Exception {
        try (WsTestClient first = join("names", "Sam")) {
            assertThat(lastWelcome.path("user").asString()).isEqualTo("Sam");
            try (WsTestClient second = join("names", "sam")) {
                assertThat(lastWelcome.path("user").asString()).isEqualTo("sam (2)");
                try (WsTestClient third = join("names", "SAM")) {
                    assertThat(lastWelcome.path("user").asString()).isEqualTo("SAM (3)");
                    assertThat(names(lastWelcome)).containsExactly("Sam", "sam (2)", "SAM (3)");
                }
            }
        }
    }

    @Test
    void namesAGuestAndCleansNicknames() throws Exception {
        try (WsTestClient anonymous = WsTestClient.connect(port, "/chat/guests")) {
            assertThat(anonymous.nextOfType("welcome").path("user").asString()).startsWith("guest-");
            try (WsTestClient spaced = join("guests", "  a\tb \n c  ")) {
                assertThat(lastWelcome.path("user").asString()).isEqualTo("a b c");
            }
        }
    }

    @Test
    void announcesALeaveWithTheMembersWhoStay() throws Exception {
        try (WsTestClient alice = join("leaving", "alice")) {
            WsTestClient bob = join("leaving", "bob");
            alice.nextOfType("join");
            bob.close();
            JsonNode left = alice.nextOfType("leave");
            assertThat(left.path("user").asString()).isEqualTo("bob");
            assertThat(names(left)).containsExactly("alice");
        }
    }

    @Test
    void repliesWithAnErrorToUnreadableOrUnacceptableMessagesAndStaysOpen() throws Exception {
        try (WsTestClient alice = join("errors", "alice"); WsTestClient bob = join("errors", "bob")) {
            alice.nextOfType("join");

            alice.sendText("{not json");
            assertThat(alice.nextOfType("error").path("text").asString()).startsWith("not a chat message");
            alice.sendText("{\"text\":\"   \"}");
            assertThat(alice.nextOfType("error").path("text").asString()).startsWith("empty message");
            alice.sendText("{\"text\":\"" + "x".repeat(ChatHandler.MAX_TEXT_LENGTH + 1) + "\"}");
            assertThat(alice.nextOfType("error").path("text").asString())
                    .isEqualTo("message of 2001 characters exceeds 2000");
            bob.expectSilence(100);

            alice.sendText("{\"text\":\"still here\"}");
            assertThat(bob.nextOfType("message").path("text").asString()).isEqualTo("still here");
        }
    }

    @Test
    void closesWith1008ForAnInvalidRoomName() throws Exception {
        WsTestClient c = WsTestClient.connect(port, "/chat/" + "r".repeat(33) + "?name=x");
        assertThat(c.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(c.closeReason.get()).contains("room names are 1-32");
        assertThat(c.messages).isEmpty();
    }

    private static List<String> names(JsonNode event) {
        return event.path("members").valueStream().map(JsonNode::asString).toList();
    }
}
