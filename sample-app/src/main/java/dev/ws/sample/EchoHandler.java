package dev.ws.sample;

import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import java.nio.ByteBuffer;

/**
 * Echoes every message back as it came: text as text, binary as binary. The endpoint the
 * conformance suite runs against ({@code .ci/conformance.sh sample ...}).
 */
@WsHandler("/echo")
class EchoHandler {

    @OnMessage
    String text(String text) {
        return text;
    }

    @OnMessage
    ByteBuffer binary(ByteBuffer data) {
        return data;
    }
}
