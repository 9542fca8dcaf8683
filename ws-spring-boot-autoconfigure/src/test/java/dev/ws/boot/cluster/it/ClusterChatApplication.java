package dev.ws.boot.cluster.it;

import dev.ws.handler.HandshakeInfo;
import dev.ws.handler.OnMessage;
import dev.ws.handler.OnOpen;
import dev.ws.handler.PathParam;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.HandshakeInterceptor;
import dev.ws.server.WebSocketSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One instance of a clustered chat for {@code WsClusterIntegrationTest}: rooms on
 * {@code /chat/{room}} (a message goes to the room's other members, on every instance) and
 * {@code /notify?user=NAME} (a message "bob:hi" goes to every session of bob, on every instance).
 */
@SpringBootApplication
public class ClusterChatApplication {

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** The user is whoever the query says (a test stands in for real authentication). */
    @Bean
    HandshakeInterceptor userFromQuery() {
        return (request, attributes) -> {
            String query = request.query();
            if (query != null && query.startsWith("user=")) {
                String user = query.substring("user=".length());
                attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (Principal) () -> user);
            }
        };
    }

    @WsHandler("/chat/{room}")
    static class Rooms {

        @OnOpen
        void join(WebSocketSession session, @PathParam("room") String room, WsSessionRegistry registry) {
            registry.join(session, room);
        }

        @OnMessage
        void say(String text, WebSocketSession session, @PathParam("room") String room, WsSessionRegistry registry) {
            registry.sendToGroup(room, text, session);
        }
    }

    @WsHandler("/notify")
    static class Notifications {

        @OnMessage
        void send(String message, WsSessionRegistry registry) {
            int colon = message.indexOf(':');
            registry.sendToUser(message.substring(0, colon), message.substring(colon + 1));
        }
    }
}
