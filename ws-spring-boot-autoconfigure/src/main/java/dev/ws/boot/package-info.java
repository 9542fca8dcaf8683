/**
 * The Spring side of the ws engine at run time: the {@link dev.ws.boot.WsServerLifecycle} that
 * starts the server after the context is refreshed and stops it gracefully, the
 * {@link dev.ws.boot.WsServerStartedEvent} and the initializer that publishes
 * {@code local.ws.server.port}, discovery of {@link dev.ws.handler.WsHandler} beans, and the
 * Jackson {@link dev.ws.handler.MessageCodec}. No auto-configuration here (see
 * {@code dev.ws.boot.autoconfigure}); nothing here touches bytes or sessions.
 */
package dev.ws.boot;
