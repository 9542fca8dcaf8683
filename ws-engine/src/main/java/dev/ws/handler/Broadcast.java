package dev.ws.handler;

import dev.ws.server.PreparedMessage;
import java.util.Objects;

/**
 * One message for one target, as a {@link BroadcastBus} carries it between nodes: the target
 * (resolved by each node against its own sessions) and the message, already encoded by the node
 * that sent it. A bus that leaves the JVM carries the payload bytes
 * ({@link PreparedMessage#payload()}) and the opcode; the receiving node prepares the frame once
 * for all its sessions.
 */
public record Broadcast(BroadcastTarget target, PreparedMessage message) {

    public Broadcast {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
    }
}
