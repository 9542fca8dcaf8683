package dev.ws.boot.actuate;

import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;

/**
 * Found by the @WsHandler scan of {@link WsEndpointWebIntegrationTest}'s application. Top level:
 * like component scanning, the scan leaves out classes nested in test classes.
 */
@WsHandler(value = "/chat/{room}", subprotocols = "v1.chat")
class ActuatedChatHandler {

    @OnMessage
    String echo(String text) {
        return text;
    }
}
