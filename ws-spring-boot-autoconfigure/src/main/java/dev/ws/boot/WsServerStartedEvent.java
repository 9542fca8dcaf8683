package dev.ws.boot;

import dev.ws.server.WebSocketServer;
import org.springframework.context.ApplicationEvent;

/**
 * Published once the WebSocket server listens, during the context's refresh (after every
 * singleton exists). {@link #getServer()}{@code .port()} is the bound port.
 */
public class WsServerStartedEvent extends ApplicationEvent {

    public WsServerStartedEvent(WebSocketServer server) {
        super(server);
    }

    public WebSocketServer getServer() {
        return (WebSocketServer) getSource();
    }
}
