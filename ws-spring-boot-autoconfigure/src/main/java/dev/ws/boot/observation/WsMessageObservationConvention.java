package dev.ws.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of {@code ws.server.message} observations; a bean of this type replaces
 * {@link DefaultWsMessageObservationConvention}.
 */
public interface WsMessageObservationConvention extends ObservationConvention<WsMessageContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WsMessageContext;
    }
}
