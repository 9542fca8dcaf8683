package dev.ws.boot.health;

import dev.ws.boot.cluster.RedisBroadcastBus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the cluster broadcast bus, contributed as "wsCluster": UP while it publishes and
 * receives, DOWN while Redis is unreachable (the instance still serves its own sessions: keep this
 * indicator out of liveness checks), UNKNOWN before the first connection, OUT_OF_SERVICE once
 * closed. Details: {@code state}, {@code since}, {@code stream}, {@code node}, {@code buffered}
 * (messages waiting for Redis), {@code bufferedBytes} and {@code lastError} when there was one.
 */
public class WsClusterHealthIndicator extends AbstractHealthIndicator {

    private final RedisBroadcastBus bus;

    public WsClusterHealthIndicator(RedisBroadcastBus bus) {
        super("WebSocket cluster bus health check failed");
        this.bus = bus;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        switch (bus.state()) {
            case UP -> builder.up();
            case DOWN -> builder.down();
            case CONNECTING -> builder.unknown();
            case CLOSED -> builder.outOfService();
        }
        builder.withDetail("state", bus.state().name()).withDetail("since", bus.stateSince().toString())
                .withDetail("stream", bus.stream()).withDetail("node", bus.nodeId().toString())
                .withDetail("buffered", bus.buffered()).withDetail("bufferedBytes", bus.bufferedBytes());
        String error = bus.lastError();
        if (error != null) {
            builder.withDetail("lastError", error);
        }
    }
}
