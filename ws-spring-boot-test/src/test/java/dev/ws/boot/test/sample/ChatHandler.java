package dev.ws.boot.test.sample;

import dev.ws.handler.OnMessage;
import dev.ws.handler.OnOpen;
import dev.ws.handler.PathParam;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketSession;

/** JSON chat rooms: each message goes to everyone in the room, the sender included. */
@WsHandler("/chat/{room}")
public class ChatHandler {

    public record ChatMessage(String user, String text) {
    }

    public record ChatEvent(String room, String user, String text) {
    }

    private final WsSessionRegistry registry;

    public ChatHandler(WsSessionRegistry registry) {
        this.registry = registry;
    }

    @OnOpen
    void join(WebSocketSession session, @PathParam("room") String room) {
        registry.join(session, room);
    }

    @OnMessage
    void message(ChatMessage message, @PathParam("room") String room, WebSocketSession session) {
        if (message.text().equals("leave")) {
            session.close(4000, "left");
            return;
        }
        registry.sendToGroup(room, new ChatEvent(room, message.user(), message.text()));
    }
}
