package dev.ws.handler;

import dev.ws.server.WebSocketSession;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** {@link HandshakeInfo} read from what the session kept. */
record SessionHandshakeInfo(WebSocketSession session) implements HandshakeInfo {

    @Override
    public String uri() {
        return session.uri();
    }

    @Override
    public String path() {
        return session.path();
    }

    @Override
    public String query() {
        return session.query();
    }

    @Override
    public String queryParam(String name) {
        String q = session.query();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    @Override
    public String header(String name) {
        return session.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return session.headers();
    }

    @Override
    public String route() {
        return session.route();
    }

    @Override
    public Map<String, String> pathParams() {
        return session.pathParams();
    }

    @Override
    public String subprotocol() {
        return session.subprotocol();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public Map<String, Object> attributes() {
        return session.attributes();
    }

    @Override
    public Principal principal() {
        return principalOf(session);
    }

    static Principal principalOf(WebSocketSession session) {
        return session.attributes().get(PRINCIPAL_ATTRIBUTE) instanceof Principal p ? p : null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
