package dev.ws.bench.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The {@code /broadcast} endpoint: each session is wrapped in a {@link ConcurrentWebSocketSessionDecorator}, Spring's
 * recommended way to send to one session from many threads; a text message starting with {@code broadcast:} is sent
 * to all of them, any other message is echoed to its sender.
 */
public class BroadcastHandler extends EchoHandler {

    static final String BROADCAST_PREFIX = "broadcast:";
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_SIZE_LIMIT = 512 * 1024;

    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        sessions.put(session.getId(),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_SIZE_LIMIT));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (!message.getPayload().startsWith(BROADCAST_PREFIX)) {
            sessions.getOrDefault(session.getId(), session).sendMessage(message);
            return;
        }
        for (WebSocketSession each : sessions.values()) {
            try {
                each.sendMessage(message);
            } catch (Exception e) {
                sessions.remove(each.getId());
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.remove(session.getId());
    }
}
