package dev.ws.boot.health;

import dev.ws.server.WebSocketServer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the WebSocket server, contributed as "ws": UP with its port and connection count
 * while it listens, DOWN otherwise (not started yet, stopping, or stopped).
 */
public class WsHealthIndicator extends AbstractHealthIndicator {

    private final WebSocketServer server;

    public WsHealthIndicator(WebSocketServer server) {
        super("WebSocket server health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (server.isRunning() && server.port() > 0) {
            builder.up();
        } else {
            builder.down();
        }
        builder.withDetail("port", server.port()).withDetail("connections", server.connectionCount());
    }
}
