package dev.ws.boot;

import dev.ws.CloseStatus;
import dev.ws.OpCode;
import dev.ws.server.HandshakeRequest;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketSession;
import java.util.List;

/**
 * Calls several {@link ServerListener}s in order (the engine takes one). Each must be fast and
 * non-blocking, like any listener: they run on event loops and handler threads.
 */
public final class CompositeServerListener implements ServerListener {

    private final ServerListener[] listeners;

    private CompositeServerListener(List<ServerListener> listeners) {
        this.listeners = listeners.toArray(ServerListener[]::new);
    }

    /** One listener for all: none when empty, the listener itself when there is one. */
    public static ServerListener of(List<ServerListener> listeners) {
        if (listeners.isEmpty()) {
            return new ServerListener() { };
        }
        return listeners.size() == 1 ? listeners.get(0) : new CompositeServerListener(listeners);
    }

    @Override
    public void onHandshakeRejected(int status, String reason) {
        for (ServerListener l : listeners) {
            l.onHandshakeRejected(status, reason);
        }
    }

    @Override
    public void onHandshakeStarted(HandshakeRequest request) {
        for (ServerListener l : listeners) {
            l.onHandshakeStarted(request);
        }
    }

    @Override
    public void onOpen(WebSocketSession session) {
        for (ServerListener l : listeners) {
            l.onOpen(session);
        }
    }

    @Override
    public void onClose(WebSocketSession session, CloseStatus status) {
        for (ServerListener l : listeners) {
            l.onClose(session, status);
        }
    }

    @Override
    public void onMessageReceived(WebSocketSession session, OpCode type, int bytes) {
        for (ServerListener l : listeners) {
            l.onMessageReceived(session, type, bytes);
        }
    }

    @Override
    public void onMessageSent(WebSocketSession session, OpCode type, int bytes) {
        for (ServerListener l : listeners) {
            l.onMessageSent(session, type, bytes);
        }
    }

    @Override
    public void onHandled(WebSocketSession session, long nanos, Throwable error) {
        for (ServerListener l : listeners) {
            l.onHandled(session, nanos, error);
        }
    }
}
