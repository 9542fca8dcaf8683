package dev.ws;

import dev.ws.http.RequestView;
import java.util.List;
import java.util.Set;

/**
 * Chooses the subprotocol of a connection from the client's offer (RFC 6455 §4.2.2 item 5.5, §1.9).
 * Called only when the request carries {@code Sec-WebSocket-Protocol}; see
 * {@link HandshakeCallbacks} for when in the handshake.
 */
@FunctionalInterface
public interface SubprotocolSelector {

    /**
     * @param head    the request, valid only during the call
     * @param offered the tokens of every {@code Sec-WebSocket-Protocol} header, in the client's order
     * @param result  this handshake's result (e.g. a route an {@code onHead} hook put in its attributes)
     * @return one of {@code offered} (the same string), or null to select none: the response then
     *         has no {@code Sec-WebSocket-Protocol} header. Returning a string that was not offered
     *         refuses the handshake with 500, as a server bug.
     * @throws HandshakeRejectedException to refuse the handshake, e.g. when a subprotocol is required
     */
    String select(RequestView head, List<String> offered, HandshakeResult result) throws HandshakeRejectedException;

    /**
     * Selects the first offered subprotocol, in the client's order, that is one of {@code supported}
     * (compared exactly; the response then repeats the client's spelling).
     */
    static SubprotocolSelector firstOf(String... supported) {
        Set<String> set = Set.of(supported);
        return (head, offered, result) -> {
            for (String p : offered) {
                if (set.contains(p)) {
                    return p;
                }
            }
            return null;
        };
    }
}
