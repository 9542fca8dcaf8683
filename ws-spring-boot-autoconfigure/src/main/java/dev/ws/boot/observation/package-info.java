/**
 * Micrometer Observations of the WebSocket server, so that metrics and tracing backends see each
 * handshake ({@code ws.server.handshake}) and each handled message ({@code ws.server.message}).
 * Names and low-cardinality key values use the endpoint's path <em>template</em>, never the
 * concrete path; conventions can be replaced. Needs micrometer-observation; nothing else in the
 * starter does. No message contents are recorded.
 */
package dev.ws.boot.observation;
