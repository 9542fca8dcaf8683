package dev.ws;

import dev.ws.http.HeaderOption;
import java.util.List;

/**
 * Server side of extension negotiation (RFC 6455 §9.1): sees every offer of the request's
 * {@code Sec-WebSocket-Extensions} headers, in order across headers, and accepts at most one
 * offer of its extension. Malformed or unacceptable offers are declined (RFC 7692 §5), not failed.
 */
@FunctionalInterface
public interface ExtensionNegotiator {

    /**
     * @param offers all offers, in the order the client sent them (other extensions included)
     * @return the accepted extension, or null to decline
     */
    NegotiatedExtension negotiate(List<HeaderOption> offers);
}
