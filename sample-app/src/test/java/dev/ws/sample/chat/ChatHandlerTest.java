package dev.ws.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The chat endpoint in the whole application on free ports, driven by {@link WsTestClient}.
 * Each test uses rooms of its own: the application context (and its registry) is shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
@AutoConfigureWsTestClient
class ChatHandlerTest {

    @Autowired
    WsTestClient client;

    private ChatEvent lastWelcome;

    /**
     * Connects, and waits for the welcome: the engine runs {@code @OnOpen} after the handshake, on
     * the session's own thread, so the next client would otherwise race this one into the room.
     */
    private WsTestSession join(String room, String name) {
        WsTestSession s = client.connect("/chat/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        lastWelcome = s.awaitJson(ChatEvent.class, ofType("welcome"));
        return s;
    }

    private static Predicate<ChatEvent> ofType(String type) {
        return event -> type.equals(event.type());
    }

    @Test
    void welcomesTheNewcomerFirstAndTellsTheOthers() {
        try (WsTestSession alice = client.connect("/chat/welcome?name=alice")) {
            ChatEvent aliceWelcome = alice.awaitJson(ChatEvent.class); // the first message, nothing before it
            assertThat(aliceWelcome.type()).isEqualTo("welcome");
            assertThat(aliceWelcome.room()).isEqualTo("welcome");
            assertThat(aliceWelcome.user()).isEqualTo("alice");
            assertThat(aliceWelcome.members()).containsExactly("alice");

            try (WsTestSession bob = client.connect("/chat/welcome?name=bob")) {
                ChatEvent bobWelcome = bob.awaitJson(ChatEvent.class);
                assertThat(bobWelcome.type()).isEqualTo("welcome");
                assertThat(bobWelcome.members()).containsExactly("alice", "bob");

                ChatEvent joined = alice.awaitJson(ChatEvent.class);
                assertThat(joined.type()).isEqualTo("join");
                assertThat(joined.user()).isEqualTo("bob");
                assertThat(joined.members()).containsExactly("alice", "bob");
                bob.expectNoMessage(Duration.ofMillis(100)); // bob is not told about his own join
            }
        }
    }

    @Test
    void broadcastsMessagesToTheWholeRoomAndNoOtherRoom() {
        try (WsTestSession alice = join("kitchen", "alice"); WsTestSession bob = join("kitchen", "bob");
                WsTestSession carol = join("garden", "carol")) {
            alice.awaitJson(ChatEvent.class, ofType("join"));

            alice.sendJson(new ChatMessage("  soup is ready "));
            for (WsTestSession s : List.of(alice, bob)) {
                ChatEvent m = s.awaitJson(ChatEvent.class, ofType("message"));
                assertThat(m.user()).isEqualTo("alice");
                assertThat(m.text()).isEqualTo("soup is ready");
                assertThat(m.room()).isEqualTo("kitchen");
                assertThat(m.time()).isPositive();
                assertThat(m.members()).isNull(); // left out of the JSON
            }
            carol.expectNoMessage(Duration.ofMillis(200));
        }
    }

    @Test
    void makesATakenNicknameUniqueIgnoringCase() {
        try (WsTestSession first = join("names", "Sam")) {
            assertThat(lastWelcome.user()).isEqualTo("Sam");
            try (WsTestSession second = join("names", "sam")) {
                assertThat(lastWelcome.user()).isEqualTo("sam (2)");
                try (WsTestSession third = join("names", "SAM")) {
                    assertThat(lastWelcome.user()).isEqualTo("SAM (3)");
                    assertThat(lastWelcome.members()).containsExactly("Sam", "sam (2)", "SAM (3)");
                }
            }
        }
    }

    @Test
    void namesAGuestAndCleansNicknames() {
        try (WsTestSession anonymous = client.connect("/chat/guests")) {
            assertThat(anonymous.awaitJson(ChatEvent.class, ofType("welcome")).user()).startsWith("guest-");
            try (WsTestSession spaced = join("guests", "  a\tb \n c  ")) {
                assertThat(lastWelcome.user()).isEqualTo("a b c");
            }
        }
    }

    @Test
    void announcesALeaveWithTheMembersWhoStay() {
        try (WsTestSession alice = join("leaving", "alice")) {
            WsTestSession bob = join("leaving", "bob");
            alice.awaitJson(ChatEvent.class, ofType("join"));
            bob.close();
            ChatEvent left = alice.awaitJson(ChatEvent.class, ofType("leave"));
            assertThat(left.user()).isEqualTo("bob");
            assertThat(left.members()).containsExactly("alice");
        }
    }

    @Test
    void repliesWithAnErrorToUnreadableOrUnacceptableMessagesAndStaysOpen() {
        try (WsTestSession alice = join("errors", "alice"); WsTestSession bob = join("errors", "bob")) {
            alice.awaitJson(ChatEvent.class, ofType("join"));

            alice.sendText("{not json");
            assertThat(alice.awaitJson(ChatEvent.class, ofType("error")).text()).startsWith("not a chat message");
            alice.sendJson(new ChatMessage("   "));
            assertThat(alice.awaitJson(ChatEvent.class, ofType("error")).text()).startsWith("empty message");
            alice.sendJson(new ChatMessage("x".repeat(ChatHandler.MAX_TEXT_LENGTH + 1)));
            assertThat(alice.awaitJson(ChatEvent.class, ofType("error")).text())
                    .isEqualTo("message of 2001 characters exceeds 2000");
            bob.expectNoMessage(Duration.ofMillis(100));

            alice.sendJson(new ChatMessage("still here"));
            assertThat(bob.awaitJson(ChatEvent.class, ofType("message")).text()).isEqualTo("still here");
        }
    }

    @Test
    void closesWith1008ForAnInvalidRoomName() {
        WsTestSession s = client.connect("/chat/" + "r".repeat(33) + "?name=x");
        CloseStatus status = s.awaitClose(); // the next event: no message before it
        assertThat(status.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(status.reason()).contains("room names are 1-32");
    }
}
