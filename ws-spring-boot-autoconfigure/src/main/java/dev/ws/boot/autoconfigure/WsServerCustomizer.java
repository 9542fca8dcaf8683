package dev.ws.boot.autoconfigure;

import dev.ws.server.WebSocketServer;

/**
 * Adjusts the engine's builder after the {@code ws.server.*} properties were applied and before
 * the server is built: extra routes, a listener, TLS details, anything the properties do not
 * cover. Beans of this type are applied in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface WsServerCustomizer {

    void customize(WebSocketServer.Builder builder);
}
