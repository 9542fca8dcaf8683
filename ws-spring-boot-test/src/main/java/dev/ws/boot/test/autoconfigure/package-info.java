/**
 * The {@link dev.ws.boot.test.autoconfigure.WsTest @WsTest} slice: a context with only the
 * WebSocket handlers (and their interceptors, listeners, customizers, codecs), the ws
 * auto-configurations and Jackson, the server on a random port and a
 * {@link dev.ws.boot.test.client.WsTestClient} bean bound to it; and the annotations it is made
 * of, for use on their own ({@code @AutoConfigureWs}, {@code @AutoConfigureWsTestClient}).
 * Structured like Spring Boot's own slices.
 */
package dev.ws.boot.test.autoconfigure;
