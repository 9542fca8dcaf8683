package dev.ws.handler;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * What a handler method may want to know about the upgrade request of its session, as a
 * parameter of any callback. Unlike {@link dev.ws.server.HandshakeRequest} it stays valid for the
 * whole session: it reads what the session kept. Only the request headers the server was told to
 * capture are available ({@code WebSocketServer.Builder#captureHeaders}, in Spring Boot
 * {@code ws.server.capture-headers}).
 */
public interface HandshakeInfo {

    /**
     * The attribute under which a {@link dev.ws.server.HandshakeInterceptor} stores the
     * authenticated {@link Principal}; {@link #principal()} and {@code Principal} parameters read it.
     */
    String PRINCIPAL_ATTRIBUTE = "dev.ws.principal";

    /** The request URI as sent (path and query). */
    String uri();

    String path();

    /** The raw query, or null. */
    String query();

    /** The first value of a query parameter, URL-decoded, or null when absent. */
    String queryParam(String name);

    /** The first value of a captured request header (case-insensitive name), or null. */
    String header(String name);

    /** The captured request headers, looked up by name ignoring case. */
    Map<String, List<String>> headers();

    /** The path template of the endpoint. */
    String route();

    /** The path variables' values. */
    Map<String, String> pathParams();

    /** The negotiated subprotocol, or null. */
    String subprotocol();

    InetSocketAddress remoteAddress();

    /** The session's attributes, including those set by handshake interceptors. */
    Map<String, Object> attributes();

    /** The principal an interceptor stored under {@link #PRINCIPAL_ATTRIBUTE}, or null. */
    Principal principal();
}
