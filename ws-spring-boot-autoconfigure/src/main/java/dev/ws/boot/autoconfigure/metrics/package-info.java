/**
 * Auto-configuration of the WebSocket server's Micrometer meters; applies only when Micrometer
 * and a {@code MeterRegistry} bean are present.
 */
package dev.ws.boot.autoconfigure.metrics;
