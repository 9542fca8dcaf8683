package dev.ws.handler;

import java.util.concurrent.CompletionStage;

/**
 * What a {@link WsSessionRegistry#send} did: how many sessions of this node queued the message,
 * and how the hand-over to the other nodes went.
 *
 * @param localSessions the sessions of this node that queued it (open, below their outbound high
 *        watermark)
 * @param published completes when the {@link BroadcastBus} has the message for the other nodes;
 *        fails with {@link BroadcastRejectedException} when they will not get it. It completes on
 *        a thread of the bus: do not block in what you chain to it.
 */
public record BroadcastResult(int localSessions, CompletionStage<Void> published) {
}
