package dev.ws;

import java.io.InputStream;

/**
 * A completed blocking upgrade ({@link Upgrader#upgrade(InputStream, java.io.OutputStream)}).
 *
 * @param result what the handshake produced (path, subprotocol, extensions, attributes); owned by
 *               the caller
 * @param input  the connection's input from here on: first the bytes that arrived after the request
 *               head (frames sent in the same write as the request), then the rest of the original
 *               stream. Read frames from this, never from the original stream. Closing it closes the
 *               original stream.
 */
public record Handshake(HandshakeResult result, InputStream input) {
}
