package dev.ws.boot.autoconfigure;

import dev.ws.handler.WsHandler;
import dev.ws.server.WebSocketServer;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;

/** Matches when the application has {@link WsHandler} beans or a {@link WebSocketServer} of its own. */
class OnWsEndpointsCondition extends AnyNestedCondition {

    OnWsEndpointsCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(annotation = WsHandler.class)
    static class HasHandlers {
    }

    @ConditionalOnBean(WebSocketServer.class)
    static class HasServer {
    }
}
