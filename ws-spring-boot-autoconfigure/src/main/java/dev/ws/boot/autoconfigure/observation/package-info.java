/**
 * Auto-configuration of the WebSocket server's Micrometer Observations; applies only when
 * micrometer-observation and an {@code ObservationRegistry} bean are present.
 */
package dev.ws.boot.autoconfigure.observation;
