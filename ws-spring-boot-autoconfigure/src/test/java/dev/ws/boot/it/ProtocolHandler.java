package dev.ws.boot.it;

import dev.ws.handler.OnOpen;
import dev.ws.handler.WsHandler;
import dev.ws.server.WebSocketSession;

/** Speaks two subprotocols, the newer preferred; tells the client which one was chosen. */
@WsHandler(value = "/proto", subprotocols = {"v2.chat", "v1.chat"})
class ProtocolHandler {

    @OnOpen
    String chosen(WebSocketSession session) {
        return "speaking " + session.subprotocol();
    }
}
