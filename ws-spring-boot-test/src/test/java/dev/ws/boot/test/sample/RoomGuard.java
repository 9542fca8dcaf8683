package dev.ws.boot.test.sample;

import dev.ws.HandshakeRejectedException;
import dev.ws.server.HandshakeInterceptor;
import dev.ws.server.HandshakeRequest;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Keeps everyone out of the room "vault" (403): a component the slice includes. */
@Component
public class RoomGuard implements HandshakeInterceptor {

    @Override
    public void beforeHandshake(HandshakeRequest request, Map<String, Object> attributes)
            throws HandshakeRejectedException {
        if ("vault".equals(request.pathParams().get("room"))) {
            throw new HandshakeRejectedException(403, "no entry");
        }
    }
}
