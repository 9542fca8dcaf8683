/**
 * Micrometer binders for the ws engine: {@link dev.ws.boot.metrics.WsServerMetrics} turns the
 * engine's {@code ServerListener} hooks into meters tagged by endpoint template. Needs Micrometer
 * on the classpath; nothing else in the starter does.
 */
package dev.ws.boot.metrics;
