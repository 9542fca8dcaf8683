package dev.ws.boot.observation;

import io.micrometer.observation.Observation;

/**
 * What a {@code ws.server.message} observation knows about one handled message: the endpoint's
 * path template, the session's concrete path and id, the message type ({@code text},
 * {@code binary}, {@code pong}) and its payload size (characters for text, bytes otherwise).
 * Never the message's contents.
 */
public class WsMessageContext extends Observation.Context {

    private final String pathTemplate;
    private final String path;
    private final String sessionId;
    private final String messageType;
    private final int payloadSize;

    public WsMessageContext(String pathTemplate, String path, String sessionId, String messageType, int payloadSize) {
        this.pathTemplate = pathTemplate;
        this.path = path;
        this.sessionId = sessionId;
        this.messageType = messageType;
        this.payloadSize = payloadSize;
    }

    public String getPathTemplate() {
        return pathTemplate;
    }

    public String getPath() {
        return path;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** {@code text}, {@code binary} or {@code pong}. */
    public String getMessageType() {
        return messageType;
    }

    /** Characters of a text message, bytes of a binary message or pong. */
    public int getPayloadSize() {
        return payloadSize;
    }
}
