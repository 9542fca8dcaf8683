package dev.ws.boot.autoconfigure;

import dev.ws.ExtensionNegotiator;

/**
 * The adapter from {@code ws.server.compression.*} to the engine's extension hook
 * ({@code WebSocketServer.Builder#extensions}).
 *
 * <p>TODO(deflate): permessage-deflate ({@code dev.ws.deflate.PerMessageDeflate}) is being merged
 * into ws-engine separately and is not on this branch yet. Once it is, build it here from the
 * properties (level to compressionLevel, server-context-takeover to outboundContextTakeover,
 * client-context-takeover to inboundContextTakeover, client-max-window-bits to
 * inboundMaxWindowBits, min-server-window-bits to minOutboundWindowBits, threshold to
 * compressionThreshold, pool-size to poolSize), make it a bean
 * so its pools are closed with the context, and pin the defaults against its builder in
 * {@code WsServerPropertiesTest}. Until then enabling compression fails startup instead of being
 * silently ignored; an {@link ExtensionNegotiator} bean is used as it is.
 */
final class WsCompression {

    private WsCompression() {
    }

    /** The negotiator for these properties, or null when compression is off. */
    static ExtensionNegotiator negotiator(WsServerProperties.Compression compression) {
        if (!compression.isEnabled()) {
            return null;
        }
        throw new IllegalStateException("ws.server.compression.enabled=true, but this build of ws-engine has no "
                + "permessage-deflate; define an ExtensionNegotiator bean or leave compression off");
    }
}
