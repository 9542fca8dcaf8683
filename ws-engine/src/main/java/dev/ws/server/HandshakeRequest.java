package dev.ws.server;

import java.util.Map;

/** The upgrade request as a {@link HandshakeInterceptor} sees it; valid only during the call. */
public interface HandshakeRequest {

    /** The request URI as sent (path and query). */
    String uri();

    String path();

    /** The raw query, or null. */
    String query();

    /** The matched route's path template. */
    String route();

    /** Values of the route's path variables. */
    Map<String, String> pathParams();

    /** The first value of a request header (case-insensitive name), or null. */
    String header(String name);
}
