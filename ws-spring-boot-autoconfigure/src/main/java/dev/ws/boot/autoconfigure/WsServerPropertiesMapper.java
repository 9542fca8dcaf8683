package dev.ws.boot.autoconfigure;

import dev.ws.server.WebSocketServer;
import java.net.InetSocketAddress;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

/** Copies {@code ws.server.*} onto the engine's builder; unset properties leave the engine's defaults. */
final class WsServerPropertiesMapper {

    private WsServerPropertiesMapper() {
    }

    static void apply(WsServerProperties p, WebSocketServer.Builder b) {
        PropertyMapper map = PropertyMapper.get();
        if (p.getAddress() != null) {
            b.bind(new InetSocketAddress(p.getAddress(), p.getPort()));
        } else {
            b.port(p.getPort());
        }
        map.from(p::getBacklog).to(b::backlog);
        map.from(p::getEventLoops).to(b::eventLoops);
        map.from(p::getDispatchMode).to(b::dispatchMode);
        map.from(p::getAllowedOrigins).to(b::allowedOrigins);
        map.from(p::getCaptureHeaders).to(b::captureHeaders);

        WsServerProperties.Limits limits = p.getLimits();
        map.from(limits::getMaxConnections).to(b::maxConnections);
        map.from(limits::getMaxHeadSize).as(s -> intBytes(s, "limits.max-head-size")).to(b::maxHeadBytes);
        map.from(limits::getMaxHeaders).to(b::maxHeaders);
        map.from(limits::getMaxFramePayload).as(DataSize::toBytes).to(b::maxFramePayload);
        map.from(limits::getMaxMessageSize).as(DataSize::toBytes).to(b::maxMessageSize);
        map.from(limits::getMaxPendingMessages).to(b::maxPendingMessages);
        map.from(limits::getReadBufferSize).as(s -> intBytes(s, "limits.read-buffer-size")).to(b::readBufferSize);

        WsServerProperties.Timeouts timeouts = p.getTimeouts();
        map.from(timeouts::getHandshake).to(b::handshakeTimeout);
        map.from(timeouts::getIdle).to(b::idleTimeout);
        map.from(timeouts::getClose).to(b::closeTimeout);

        WsServerProperties.KeepAlive keepAlive = p.getKeepAlive();
        map.from(keepAlive::getPingInterval).to(b::pingInterval);
        map.from(keepAlive::getPongTimeout).to(b::pongTimeout);

        WsServerProperties.Outbound outbound = p.getOutbound();
        b.outboundWatermarks(outbound.getLowWatermark().toBytes(), outbound.getHighWatermark().toBytes());
        map.from(outbound::getSlowConsumerPolicy).to(b::slowConsumerPolicy);
        map.from(outbound::getSlowConsumerTimeout).to(b::slowConsumerTimeout);

        map.from(p.getShutdown()::getGracePeriod).to(b::shutdownTimeout);
    }

    /** A size the engine holds in an int; larger values are a configuration error, not a truncation. */
    static int intBytes(DataSize size, String property) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE || bytes < 0) {
            throw new IllegalArgumentException("ws.server." + property + " must be between 0 and 2GB, got " + size);
        }
        return (int) bytes;
    }
}
