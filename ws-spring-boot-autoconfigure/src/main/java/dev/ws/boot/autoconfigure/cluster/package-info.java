/**
 * Auto-configuration of cluster broadcast ({@code ws.cluster.*}): the Redis Streams bus on Spring
 * Boot's Lettuce client, which the session registry publishes on.
 */
package dev.ws.boot.autoconfigure.cluster;
