package dev.ws.boot.observation;

import dev.ws.server.HandshakeRequest;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * What a {@code ws.server.handshake} observation knows: the route's path template, the concrete
 * path, and once decided the HTTP status (101 when upgraded) and the session id. The request is
 * the propagation carrier while the observation starts (a tracer reads {@code traceparent} from
 * it), and only then: it is valid only during the engine's call.
 */
public class WsHandshakeContext extends ReceiverContext<HandshakeRequest> {

    private final String pathTemplate;
    private final String path;
    private int status;
    private String sessionId;

    public WsHandshakeContext(HandshakeRequest request) {
        super((carrier, key) -> carrier == null ? null : carrier.header(key), Kind.SERVER);
        setCarrier(request);
        this.pathTemplate = request.route();
        this.path = request.path();
    }

    /** The path template of the route, e.g. {@code /chat/{room}}. */
    public String getPathTemplate() {
        return pathTemplate;
    }

    /** The concrete request path, e.g. {@code /chat/lobby}. */
    public String getPath() {
        return path;
    }

    /** The response status: 101 when upgraded, the rejection's status otherwise; 0 while undecided. */
    public int getStatus() {
        return status;
    }

    public void setStatus(int status) {
        this.status = status;
    }

    /** The new session's id once upgraded, else null. */
    public String getSessionId() {
        return sessionId;
    }

    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }
}
