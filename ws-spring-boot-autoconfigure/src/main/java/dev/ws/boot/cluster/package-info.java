/**
 * Cluster broadcast over Redis Streams: {@link dev.ws.boot.cluster.RedisBroadcastBus}, a
 * {@link dev.ws.handler.BroadcastBus} that carries each node's broadcasts to the other nodes
 * through one stream, resumable and in order per node, through the Lettuce client Spring Boot
 * configures. {@link dev.ws.boot.cluster.BroadcastBusListener} reports what it does (meters).
 *
 * <p>It never blocks a caller on Redis: publishes are buffered within stated bounds, every Redis
 * call is asynchronous with a timeout, and a Redis outage degrades a node to local delivery.
 * The engine ({@code dev.ws.handler}) knows nothing of Redis; this package knows nothing of sessions.
 */
package dev.ws.boot.cluster;
