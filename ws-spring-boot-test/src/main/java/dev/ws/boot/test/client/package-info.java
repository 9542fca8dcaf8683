/**
 * A WebSocket test client: {@link dev.ws.boot.test.client.WsTestClient} connects to a handler path
 * of a running server and hands out {@link dev.ws.boot.test.client.WsTestSession}s that send
 * text, binary and JSON and await what the server sends, with a timeout, failing with
 * {@link java.lang.AssertionError}s. Built on the engine's client; no Spring needed to use it.
 */
package dev.ws.boot.test.client;
