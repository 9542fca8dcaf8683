package dev.ws.boot.test.sample;

import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;

/** Echoes text. */
@WsHandler("/echo")
public class EchoHandler {

    @OnMessage
    String echo(String text) {
        return text;
    }
}
