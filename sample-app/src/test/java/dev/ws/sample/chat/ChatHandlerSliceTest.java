package dev.ws.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.test.autoconfigure.WsTest;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The chat handler alone in the {@code @WsTest} slice: the engine on a random port with only
 * {@link ChatHandler} (no web server, actuator or stats stream), and a client bound to it.
 * The slice holds no other application beans, so the handler's collaborator, this instance's
 * {@link RoomPresence}, is imported. {@link ChatHandlerTest} covers the chat in the whole application.
 */
@WsTest(ChatHandler.class)
@Import(LocalPresence.class)
class ChatHandlerSliceTest {

    @Autowired
    WsTestClient client;

    @Test
    void sharesEachMessageWithTheRoom() {
        try (WsTestSession ann = client.connect("/chat/lobby?name=ann")) {
            assertThat(ann.awaitJson(ChatEvent.class).type()).isEqualTo("welcome");
            try (WsTestSession bob = client.connect("/chat/lobby?name=bob")) {
                assertThat(bob.awaitJson(ChatEvent.class).members()).containsExactly("ann", "bob");
                assertThat(ann.awaitJson(ChatEvent.class).type()).isEqualTo("join");

                ann.sendJson(new ChatMessage("hi"));
                for (WsTestSession s : new WsTestSession[] {ann, bob}) {
                    ChatEvent event = s.awaitJson(ChatEvent.class);
                    assertThat(event.type()).isEqualTo("message");
                    assertThat(event.user()).isEqualTo("ann");
                    assertThat(event.text()).isEqualTo("hi");
                }
            }
        }
    }

    @Test
    void closesWith1008ForAnInvalidRoomName() {
        client.connect("/chat/no%20spaces").expectClose(1008, "room names are 1-32 letters, digits, '.', '_' or '-'");
    }
}
