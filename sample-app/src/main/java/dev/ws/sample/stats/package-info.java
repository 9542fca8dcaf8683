/**
 * A server-push stream at {@code /stats}: one {@link dev.ws.sample.stats.ServerStats} snapshot per
 * second, broadcast to every subscriber with one encoding. Clients only listen.
 */
package dev.ws.sample.stats;
