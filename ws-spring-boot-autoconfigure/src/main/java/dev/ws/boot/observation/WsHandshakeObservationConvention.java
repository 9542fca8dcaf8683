package dev.ws.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of {@code ws.server.handshake} observations; a bean of this type replaces
 * {@link DefaultWsHandshakeObservationConvention}.
 */
public interface WsHandshakeObservationConvention extends ObservationConvention<WsHandshakeContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WsHandshakeContext;
    }
}
