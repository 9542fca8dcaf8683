package dev.ws.deflate;

import java.net.ProtocolException;

/**
 * A permessage-deflate offer or response breaks RFC 7692 §5/§7; the message names the rule and the
 * value seen. A server that gets it while parsing an offer declines the offer; a client that gets
 * it while checking the server's response fails the connection (RFC 6455 §4.1, RFC 7692 §5).
 * Stackless: the peer caused it, and the message says all there is to say.
 */
public final class DeflateNegotiationException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    public DeflateNegotiationException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
