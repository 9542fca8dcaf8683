package dev.ws.boot.it;

import dev.ws.handler.HandshakeInfo;
import dev.ws.handler.OnOpen;
import dev.ws.handler.WsHandler;
import java.security.Principal;

/** Greets the principal the interceptor attached, with a captured header. */
@WsHandler("/secure")
class SecureHandler {

    @OnOpen
    String hello(Principal principal, HandshakeInfo handshake) {
        return "hello " + principal.getName() + " via " + handshake.header("X-Client") + " q=" + handshake.queryParam("q");
    }
}
