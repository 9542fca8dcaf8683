package dev.ws.boot.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * {@code ws.server.handshake}, contextual name {@code "ws handshake /chat/{room}"}.
 *
 * <table>
 *   <caption>key values</caption>
 *   <tr><th>key</th><th>cardinality</th><th>values</th></tr>
 *   <tr><td>{@code ws.handler}</td><td>low</td><td>the path template</td></tr>
 *   <tr><td>{@code status}</td><td>low</td><td>101, or the rejection's HTTP status (401, 403, 500 …)</td></tr>
 *   <tr><td>{@code outcome}</td><td>low</td><td>{@code success} (101), {@code rejected} (4xx), {@code error} (other)</td></tr>
 *   <tr><td>{@code ws.path}</td><td>high</td><td>the concrete path</td></tr>
 *   <tr><td>{@code ws.session.id}</td><td>high</td><td>the session id when upgraded</td></tr>
 * </table>
 */
public class DefaultWsHandshakeObservationConvention implements WsHandshakeObservationConvention {

    /** The observation's name (and its timer's, with Micrometer's meter handler). */
    public static final String NAME = "ws.server.handshake";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(WsHandshakeContext context) {
        return "ws handshake " + context.getPathTemplate();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WsHandshakeContext context) {
        int status = context.getStatus();
        String outcome = status == 101 ? "success" : status >= 400 && status < 500 ? "rejected" : "error";
        return KeyValues.of(KeyValue.of("ws.handler", context.getPathTemplate()),
                KeyValue.of("status", status == 0 ? "unknown" : Integer.toString(status)),
                KeyValue.of("outcome", status == 0 ? "unknown" : outcome));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(WsHandshakeContext context) {
        KeyValues values = KeyValues.of(KeyValue.of("ws.path", context.getPath()));
        return context.getSessionId() == null ? values : values.and(KeyValue.of("ws.session.id", context.getSessionId()));
    }
}
