package dev.ws.boot.it;

import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import org.springframework.stereotype.Component;

/** Echo, declared as a component as well: it must be routed once. */
@Component
@WsHandler("/echo")
class EchoHandler {

    @OnMessage
    String text(String text) {
        return text;
    }

    @OnMessage
    byte[] binary(byte[] data) {
        return data;
    }
}
