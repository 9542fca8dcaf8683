package dev.ws.boot.it;

import dev.ws.handler.OnMessage;
import dev.ws.handler.OnOpen;
import dev.ws.handler.PathParam;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketSession;

/** Chat rooms: JSON in, JSON out, the event shared with the room. No @Component: the scan finds it. */
@WsHandler("/chat/{room}")
class ChatHandler {

    record ChatMessage(String user, String text) {
    }

    record ChatEvent(String room, String user, String text, int members) {
    }

    @OnOpen
    void join(WebSocketSession session, @PathParam("room") String room, WsSessionRegistry registry) {
        registry.join(session, room);
    }

    @OnMessage
    ChatEvent message(ChatMessage message, @PathParam("room") String room, WebSocketSession session,
            WsSessionRegistry registry) {
        switch (message.text()) {
            case "close" -> {
                session.close(4001, "bye");
                return null;
            }
            case "boom" -> throw new IllegalStateException("boom (expected by the test)");
            default -> {
                ChatEvent event = new ChatEvent(room, message.user(), message.text(), registry.members(room).size());
                registry.sendToGroup(room, event, session);
                return event;
            }
        }
    }
}
