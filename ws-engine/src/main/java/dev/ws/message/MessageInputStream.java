package dev.ws.message;

import dev.ws.OpCode;
import java.io.IOException;
import java.io.InputStream;

/**
 * The payload of one received data message, across its fragments; -1 marks the end of the
 * message. Returned by {@link MessageReader#nextMessage()}; reads go to the connection's stream, so
 * control frames between fragments are handled while you read, and text is validated as UTF-8 as
 * you read it (an invalid byte fails the read that brings it).
 *
 * <p>{@link #close()} skips what is left of the message (still validating it). Once the reader has
 * moved to the next message, this stream returns -1. Read it on the reader's thread only.
 */
public final class MessageInputStream extends InputStream {

    private final MessageReader reader;
    private final OpCode opCode;
    private final int rsv;
    private final byte[] one = new byte[1];

    MessageInputStream(MessageReader reader, OpCode opCode, int rsv) {
        this.reader = reader;
        this.opCode = opCode;
        this.rsv = rsv;
    }

    /** {@link OpCode#TEXT} or {@link OpCode#BINARY}. */
    public OpCode opCode() {
        return opCode;
    }

    /**
     * The RSV bits of the message's first frame, right-aligned: 0 unless the reader
     * {@linkplain MessageReader#allowedRsv(int) allows} an extension's bits and the peer set them
     * ({@link dev.ws.FrameHeader#RSV1}: a compressed message, whose bytes the caller inflates and
     * then checks as UTF-8).
     */
    public int rsv() {
        return rsv;
    }

    @Override
    public int read() throws IOException {
        return reader.read(this, one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads payload bytes; blocks until at least one is available, the message ends (-1) or the
     * connection fails. May return fewer bytes than asked even before the end (a frame boundary).
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return reader.read(this, b, off, len);
    }

    @Override
    public int available() throws IOException {
        return reader.available(this);
    }

    /** Skips the rest of the message (validating text as it goes). */
    @Override
    public void close() throws IOException {
        reader.skip(this);
    }

    @Override
    public String toString() {
        return "MessageInputStream[" + opCode + (rsv != 0 ? " rsv=" + rsv : "") + "]";
    }
}
