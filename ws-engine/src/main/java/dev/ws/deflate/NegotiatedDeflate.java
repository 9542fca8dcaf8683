package dev.ws.deflate;

import dev.ws.FrameHeader;
import dev.ws.NegotiatedExtension;
import dev.ws.Side;
import dev.ws.http.HeaderOption;

/**
 * permessage-deflate as agreed for one connection: the parameters, which side we are, and the
 * factory of the connection's compression state ({@link #newDeflater()} for what we send,
 * {@link #newInflater()} for what we receive). Immutable and thread-safe.
 */
public final class NegotiatedDeflate implements NegotiatedExtension {

    private final PerMessageDeflate configuration;
    private final Side side;
    private final DeflateParameters parameters;

    NegotiatedDeflate(PerMessageDeflate configuration, Side side, DeflateParameters parameters) {
        this.configuration = configuration;
        this.side = side;
        this.parameters = parameters;
    }

    /** The agreed parameters: the server's response. */
    public DeflateParameters parameters() {
        return parameters;
    }

    /** Our side of the connection. */
    public Side side() {
        return side;
    }

    public PerMessageDeflate configuration() {
        return configuration;
    }

    /** The response's option: what a server writes in {@code Sec-WebSocket-Extensions}. */
    @Override
    public HeaderOption responseOption() {
        return parameters.toOption();
    }

    /** RSV1: the "Per-Message Compressed" bit (RFC 7692 §6). */
    @Override
    public int rsvBits() {
        return FrameHeader.RSV1;
    }

    /** The window our compressor keeps to, in bits (8..15). */
    public int outboundWindowBits() {
        return side == Side.SERVER ? parameters.effectiveServerWindowBits() : parameters.effectiveClientWindowBits();
    }

    /** Whether we reset our compressor after each message (agreed, or our own policy). */
    public boolean outboundResetsContext() {
        boolean agreed = side == Side.SERVER ? parameters.serverNoContextTakeover() : parameters.clientNoContextTakeover();
        return agreed || !configuration.outboundContextTakeover();
    }

    /** Whether the peer resets its compressor after each message, so that ours need not stay. */
    public boolean inboundResetsContext() {
        return side == Side.SERVER ? parameters.clientNoContextTakeover() : parameters.serverNoContextTakeover();
    }

    /** A new compressor state for the connection's outbound messages; close it with the connection. */
    public MessageDeflater newDeflater() {
        return new MessageDeflater(configuration.compressorPool(outboundWindowBits()), outboundResetsContext(),
                configuration.compressionThreshold());
    }

    /** A new decompressor state for the connection's inbound messages; close it with the connection. */
    public MessageInflater newInflater() {
        return new MessageInflater(configuration.decompressorPool(), inboundResetsContext());
    }

    @Override
    public String toString() {
        return "NegotiatedDeflate[" + side + ", " + parameters + "]";
    }
}
