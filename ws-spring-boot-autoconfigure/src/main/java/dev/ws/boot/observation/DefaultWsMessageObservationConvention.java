package dev.ws.boot.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * {@code ws.server.message}, contextual name {@code "ws text /chat/{room}"}.
 *
 * <table>
 *   <caption>key values</caption>
 *   <tr><th>key</th><th>cardinality</th><th>values</th></tr>
 *   <tr><td>{@code ws.handler}</td><td>low</td><td>the path template</td></tr>
 *   <tr><td>{@code ws.message.type}</td><td>low</td><td>{@code text}, {@code binary}, {@code pong}</td></tr>
 *   <tr><td>{@code outcome}</td><td>low</td><td>{@code success}, {@code error} (the handler threw)</td></tr>
 *   <tr><td>{@code exception}</td><td>low</td><td>simple class name of what the handler threw, or {@code none}</td></tr>
 *   <tr><td>{@code ws.path}</td><td>high</td><td>the concrete path</td></tr>
 *   <tr><td>{@code ws.session.id}</td><td>high</td><td>the session id</td></tr>
 *   <tr><td>{@code ws.message.size}</td><td>high</td><td>characters of text, bytes otherwise</td></tr>
 * </table>
 * An exception an {@code @OnError} method handles counts as {@code success}, as in the meters.
 */
public class DefaultWsMessageObservationConvention implements WsMessageObservationConvention {

    /** The observation's name (and its timer's, with Micrometer's meter handler). */
    public static final String NAME = "ws.server.message";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(WsMessageContext context) {
        return "ws " + context.getMessageType() + " " + context.getPathTemplate();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WsMessageContext context) {
        Throwable error = context.getError();
        return KeyValues.of(KeyValue.of("ws.handler", context.getPathTemplate()),
                KeyValue.of("ws.message.type", context.getMessageType()),
                KeyValue.of("outcome", error == null ? "success" : "error"),
                KeyValue.of("exception", error == null ? "none" : exceptionName(error)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(WsMessageContext context) {
        return KeyValues.of(KeyValue.of("ws.path", context.getPath()),
                KeyValue.of("ws.session.id", context.getSessionId()),
                KeyValue.of("ws.message.size", Integer.toString(context.getPayloadSize())));
    }

    private static String exceptionName(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
