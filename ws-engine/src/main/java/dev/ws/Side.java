package dev.ws;

/**
 * Which end of the connection this code plays (RFC 6455 §5.1): a server receives masked frames
 * and sends unmasked ones; a client does the opposite.
 */
public enum Side {
    SERVER,
    CLIENT;

    /** Whether frames received on this side must carry a mask. */
    public boolean expectsMaskedInput() {
        return this == SERVER;
    }

    /** Whether frames sent from this side must be masked. */
    public boolean masksOutput() {
        return this == CLIENT;
    }
}
