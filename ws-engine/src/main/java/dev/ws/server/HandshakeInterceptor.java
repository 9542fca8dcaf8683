package dev.ws.server;

import dev.ws.HandshakeRejectedException;
import java.util.Map;

/**
 * A check run on every handshake after the path matched a route and the origin was accepted,
 * before the 101 response: authentication, authorisation, per-session attributes. Runs on an
 * event loop, so it must not block.
 */
@FunctionalInterface
public interface HandshakeInterceptor {

    /**
     * @param request    the request, valid only during the call
     * @param attributes the new session's attributes; what is put here is visible through
     *                   {@link WebSocketSession#attributes()}
     * @throws HandshakeRejectedException to refuse the upgrade with its status (e.g. 401, 403)
     */
    void beforeHandshake(HandshakeRequest request, Map<String, Object> attributes) throws HandshakeRejectedException;
}
