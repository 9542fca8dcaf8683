package dev.ws;

import dev.ws.http.HeaderOption;

/**
 * An extension both ends agreed on. Implementations carry their parameters (for example
 * {@code dev.ws.deflate.DeflateParameters}) and know how to create their per-connection state.
 */
public interface NegotiatedExtension {

    /** The option written back in the response's {@code Sec-WebSocket-Extensions} header. */
    HeaderOption responseOption();

    /** The RSV bits this extension uses (RSV1 for permessage-deflate). */
    int rsvBits();
}
