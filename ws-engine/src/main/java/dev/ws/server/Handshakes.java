package dev.ws.server;

import dev.ws.HandshakeRejectedException;
import dev.ws.Upgrader;
import dev.ws.http.RequestView;
import java.util.List;
import java.util.Map;

/**
 * Builds the server's {@link Upgrader}: routing (404), the origin allow-list (403), interceptors
 * and per-route subprotocols, all decided on the request view before the 101 is written.
 */
final class Handshakes {

    static final HandshakeRejectedException NOT_FOUND =
            new HandshakeRejectedException(404, "no WebSocket endpoint at this path");
    static final HandshakeRejectedException ORIGIN_NOT_ALLOWED =
            new HandshakeRejectedException(403, "origin not allowed");

    private Handshakes() {
    }

    static Upgrader upgrader(WebSocketServer server) {
        ServerSettings s = server.settings();
        List<Route> routes = server.routes();
        List<String> origins = s.allowedOrigins();
        Upgrader.Builder b = Upgrader.builder()
                .maxHeadBytes(s.maxHeadBytes())
                .maxHeaders(s.maxHeaders())
                .onHead((head, result) -> {
                    Route.Match match = Route.find(routes, head.path().toString());
                    if (match == null) {
                        throw NOT_FOUND;
                    }
                    Request request = new Request(head, match);
                    server.listener().onHandshakeStarted(request);
                    if (!origins.isEmpty()) {
                        CharSequence origin = head.header("Origin");
                        if (origin == null || !origins.contains(origin.toString())) {
                            throw ORIGIN_NOT_ALLOWED;
                        }
                    }
                    for (HandshakeInterceptor i : server.interceptors()) {
                        i.beforeHandshake(request, result.attributes());
                    }
                })
                .subprotocols((head, offered, result) -> {
                    Route.Match match = Route.find(routes, head.path().toString());
                    if (match == null) {
                        return null;
                    }
                    for (String p : offered) {
                        if (match.route().subprotocols().contains(p)) {
                            return p;
                        }
                    }
                    return null;
                });
        if (server.extensionNegotiator() != null) {
            b.extension(server.extensionNegotiator());
        }
        List<String> capture = s.captureHeaders();
        if (capture.contains("*")) {
            b.captureAllHeaders();
        } else if (!capture.isEmpty()) {
            b.captureHeaders(capture.toArray(String[]::new));
        }
        return b.build();
    }

    /** The interceptor's view of the request: valid only during the call. */
    private record Request(RequestView head, Route.Match match) implements HandshakeRequest {

        @Override
        public String uri() {
            return head.uri().toString();
        }

        @Override
        public String path() {
            return head.path().toString();
        }

        @Override
        public String query() {
            CharSequence q = head.query();
            return q == null ? null : q.toString();
        }

        @Override
        public String route() {
            return match.route().path().template();
        }

        @Override
        public Map<String, String> pathParams() {
            return match.params();
        }

        @Override
        public String header(String name) {
            CharSequence v = head.header(name);
            return v == null ? null : v.toString();
        }
    }
}
