package dev.ws.boot.actuate;

import dev.ws.CloseStatus;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of the server by path template, kept from the engine's open and close events
 * for the {@code ws} endpoint. Each event costs one map lookup and one set update; nothing per
 * message. Thread-safe.
 */
public class WsOpenSessions implements ServerListener {

    private final Map<String, Set<WebSocketSession>> byTemplate = new ConcurrentHashMap<>();

    @Override
    public void onOpen(WebSocketSession session) {
        byTemplate.computeIfAbsent(session.route(), t -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @Override
    public void onClose(WebSocketSession session, CloseStatus status) {
        Set<WebSocketSession> sessions = byTemplate.get(session.route());
        if (sessions != null) {
            sessions.remove(session);
        }
    }

    /** How many sessions of this endpoint are open. */
    public int count(String pathTemplate) {
        Set<WebSocketSession> sessions = byTemplate.get(pathTemplate);
        return sessions == null ? 0 : sessions.size();
    }

    /** A snapshot of this endpoint's open sessions. */
    public List<WebSocketSession> sessions(String pathTemplate) {
        Set<WebSocketSession> sessions = byTemplate.get(pathTemplate);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }

    @Override
    public String toString() {
        return "WsOpenSessions" + byTemplate.keySet();
    }
}
