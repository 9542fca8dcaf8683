package dev.ws.http;

import java.util.List;

/**
 * One element of a header value list with parameters, as in
 * {@code Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-foo; a="b"}
 * (RFC 7230 §3.2.6, RFC 6455 §9.1). Names are kept as sent; values are unquoted.
 *
 * @param name       the token before the first ';'
 * @param parameters the parameters in the order sent (duplicates kept, so that a negotiator can
 *                   decline them)
 */
public record HeaderOption(String name, List<Parameter> parameters) {

    public HeaderOption {
        parameters = List.copyOf(parameters);
    }

    /** An option without parameters. */
    public static HeaderOption of(String name) {
        return new HeaderOption(name, List.of());
    }

    /**
     * A parameter: {@code name} or {@code name=value}.
     *
     * @param value the unquoted value, or null when the parameter has none
     */
    public record Parameter(String name, String value) {
    }

    /** Renders the option as it appears in a header: {@code name; p1; p2=v}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.name());
            if (p.value() != null) {
                sb.append('=').append(p.value());
            }
        }
        return sb.toString();
    }
}
