package dev.ws.client;

import dev.ws.NegotiatedExtension;
import dev.ws.http.HeaderOption;
import dev.ws.message.InboundExtension;
import java.io.IOException;
import java.util.List;

/**
 * The client side of one extension's negotiation (RFC 6455 §9.1), e.g. permessage-deflate
 * (RFC 7692 §5): what to offer, and whether the server's answer is acceptable. A {@link Dialer}
 * holds its extensions for every connection, so an implementation is immutable and thread-safe.
 *
 * <p>The dialer checks on its own that every extension named in the response was offered by some
 * extension (otherwise {@link HandshakeFailedException.Reason#UNOFFERED_EXTENSION}); then it asks
 * each extension, in the order they were added, to {@link #accept} the response.
 */
public interface ClientExtension {

    /** The options to send in {@code Sec-WebSocket-Extensions}, in order of preference; not empty. */
    List<HeaderOption> offers();

    /**
     * Checks the server's answer.
     *
     * @param response every option of the response's {@code Sec-WebSocket-Extensions} headers, in
     *                 order (options of other extensions included: ignore them)
     * @return the agreement, or null when the server did not accept this extension
     * @throws IOException when the answer breaks this extension's rules; the dialer fails the
     *                     connection with {@link HandshakeFailedException.Reason#EXTENSION_REFUSED}
     *                     and this exception's message
     */
    Agreement accept(List<HeaderOption> response) throws IOException;

    /**
     * An extension both ends agreed on, which creates the per-connection state of each direction.
     * Each method is called once per connection, when it opens.
     */
    interface Agreement extends NegotiatedExtension {

        /** Undoes the server's transformation of received messages; null when it never transforms. */
        InboundExtension newInbound();

        /** Transforms the messages this client sends; null when it never transforms them. */
        OutboundExtension newOutbound();
    }

    /** permessage-deflate (RFC 7692) with the given configuration, e.g. {@code PerMessageDeflate.withDefaults()}. */
    static ClientExtension permessageDeflate(dev.ws.deflate.PerMessageDeflate config) {
        return new DeflateClientExtension(config);
    }
}
