/**
 * Auto-configuration of the ws engine: {@link dev.ws.boot.autoconfigure.WsServerProperties}
 * ({@code ws.server.*}), {@link dev.ws.boot.autoconfigure.WsServerAutoConfiguration} (server,
 * lifecycle, endpoints, registry, codec, TLS from an SSL bundle),
 * {@link dev.ws.boot.autoconfigure.WsHandlerScanAutoConfiguration} (finds {@code @WsHandler}
 * classes) and {@link dev.ws.boot.autoconfigure.WsServerCustomizer}. Every bean backs off when
 * the application defines its own.
 */
package dev.ws.boot.autoconfigure;
