package dev.ws.boot.autoconfigure;

import dev.ws.deflate.PerMessageDeflate;

/**
 * Maps {@code ws.server.compression.*} onto the engine's permessage-deflate configuration
 * (RFC 7692). The result is a bean, so its pools of zlib state are ended with the context.
 */
final class WsCompression {

    private WsCompression() {
    }

    static PerMessageDeflate perMessageDeflate(WsServerProperties.Compression c) {
        try {
            return PerMessageDeflate.builder()
                    .compressionLevel(c.getLevel())
                    .outboundContextTakeover(c.isServerContextTakeover())
                    .inboundContextTakeover(c.isClientContextTakeover())
                    .inboundMaxWindowBits(c.getClientMaxWindowBits())
                    .minOutboundWindowBits(c.getMinServerWindowBits())
                    .compressionThreshold(WsServerPropertiesMapper.intBytes(c.getThreshold(), "compression.threshold"))
                    .poolSize(c.getPoolSize())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid ws.server.compression configuration: " + e.getMessage(), e);
        }
    }
}
