package dev.ws.client;

import java.net.URI;
import java.util.Locale;

/**
 * A validated {@code ws://} or {@code wss://} URI (RFC 6455 §3): where to connect and what to put in
 * the request line and the {@code Host} header.
 *
 * @param uri           the URI as given
 * @param secure        whether the scheme is {@code wss}
 * @param host          the host to connect to, IPv6 literals without brackets
 * @param port          the port, 80 or 443 when the URI has none
 * @param hostHeader    the {@code Host} value: the host as written (brackets kept) and the port when
 *                      it is not the scheme's default (RFC 6455 §4.1 item 4)
 * @param requestTarget the raw path ({@code /} when empty) and query, as sent on the request line
 */
record Endpoint(URI uri, boolean secure, String host, int port, String hostHeader, String requestTarget) {

    static final int WS_PORT = 80;
    static final int WSS_PORT = 443;

    /**
     * Validates {@code uri}: an absolute {@code ws}/{@code wss} URI with a host, no fragment
     * (RFC 6455 §3: "fragment identifiers are meaningless") and no user info.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Endpoint of(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be ws or wss: " + uri);
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("URI has no host (or a host that is not a valid server name): " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI must not have a fragment (RFC 6455 §3): " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("user info in a WebSocket URI is not sent; put credentials in an "
                    + "Authorization header instead: " + uri);
        }
        boolean secure = scheme.equals("wss");
        int defaultPort = secure ? WSS_PORT : WS_PORT;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Endpoint(uri, secure, bare, port, hostHeader, target);
    }

    /** {@code host:port} for a CONNECT request line (IPv6 literals in brackets, RFC 7230 §5.3.3). */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
