package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.FrameHeader;
import dev.ws.FrameIO;
import dev.ws.InvalidPayloadException;
import dev.ws.Masking;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolChecks;
import dev.ws.Side;
import dev.ws.Utf8Validator;
import dev.ws.WebSocketException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads data messages from a blocking stream (RFC 6455 §5.4–§5.6), for a thread or virtual
 * thread per connection: gobwas's {@code wsutil.Reader} with safe defaults.
 *
 * <p>{@link #nextMessage()} returns a {@link MessageInputStream} over the next message's payload:
 * it crosses fragment boundaries and returns -1 at the end of the message. Control frames met
 * anywhere (also between fragments) go to the {@link ControlHandler}; a close frame ends the stream
 * with {@link ConnectionClosedException}. Frame and message limits fail with 1009 when a header
 * announces too much, before its payload is read; text is checked as UTF-8 as it is read, across
 * fragments (1007 at the first invalid byte, or at the end when a code point is cut). Every
 * {@link WebSocketException} goes to {@link ControlHandler#onError} before it is thrown. After any
 * exception the reader is unusable: later calls throw again.
 *
 * <p>Payload bytes are read straight into the caller's array and unmasked there: the reader holds
 * no payload buffer, only a 14-byte header scratch and a 125-byte control scratch. It never reads
 * past the current frame, so the stream can be handed to another reader between messages. Give it
 * a {@link java.io.BufferedInputStream} over a raw socket stream: a header is read in up to three
 * small reads.
 *
 * <p><b>Extensions</b> (permessage-deflate): {@link #allowedRsv(int)} lets the RSV bits a negotiated
 * extension uses through; they may then be set on the first frame of a data message only (RFC 7692
 * §6), and {@link MessageInputStream#rsv()} reports them. A message with RSV bits is handed over as
 * it came (say, compressed): the limits apply to those bytes and its text is <b>not</b> checked as
 * UTF-8 here; the caller undoes the transformation (for example with
 * {@code MessageInflater.newInputStream}) and checks what that yields. Without {@code allowedRsv}
 * every RSV bit fails with 1002.
 *
 * <p>Not thread-safe: one thread reads. Writing (pongs, close replies) may happen concurrently on
 * other threads through a shared {@link FrameWriter}.
 */
public final class MessageReader {

    private final InputStream in;
    private final Side side;
    private final MessageLimits limits;
    private final ControlHandler controls;
    private final FrameHeader header = new FrameHeader();
    private final byte[] scratch = new byte[FrameHeader.MAX_HEADER_SIZE];
    private final byte[] control = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];
    private final ByteBuffer controlView = ByteBuffer.wrap(control);
    private final Utf8Validator utf8 = new Utf8Validator();
    private int allowedRsv;

    private MessageInputStream current;  // the message being read, null between messages
    private int opcode;
    private int rsv;                     // the RSV bits of the current message's first frame
    private boolean checkUtf8;           // a text message without RSV bits: validated as it is read
    private boolean finalFrame;          // the current data frame ends the message
    private long frameRemaining;         // payload bytes of the current data frame not yet read
    private long framePosition;          // payload bytes of the current data frame already read
    private long messageSize;            // declared bytes of the current message's frames so far
    private IOException failure;
    private byte[] skipBuffer;           // allocated on the first skip

    /**
     * @param in       the connection's input, positioned at a frame boundary
     * @param side     the side that reads (a server expects masked frames)
     * @param limits   frame and message size limits
     * @param controls receives control frames and failures
     */
    public MessageReader(InputStream in, Side side, MessageLimits limits, ControlHandler controls) {
        this.in = Objects.requireNonNull(in, "in");
        this.side = Objects.requireNonNull(side, "side");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.controls = Objects.requireNonNull(controls, "controls");
    }

    /**
     * Lets the RSV bits of a negotiated extension through (RSV1 = {@link dev.ws.FrameHeader#RSV1} for
     * permessage-deflate); 0, the default, refuses every RSV bit (RFC 6455 §5.2). Call it before the
     * first message; see the class comment for what changes.
     *
     * @return this reader
     */
    public MessageReader allowedRsv(int rsvBits) {
        this.allowedRsv = rsvBits & 0x7;
        return this;
    }

    /**
     * Reads up to the next data message's first frame, handling control frames on the way, and
     * returns a stream over its payload. An unfinished previous message is skipped first (still
     * validated). The previous stream returns -1 from then on.
     *
     * @return the message, or null when the stream ends cleanly between messages (no close frame:
     *         an abnormal closure, 1006, for the application)
     * @throws ConnectionClosedException when a close frame arrived (the handler has seen it)
     * @throws WebSocketException        on a protocol error, invalid payload or exceeded limit
     * @throws EOFException              when the stream ends inside a frame or a fragmented message
     */
    public MessageInputStream nextMessage() throws IOException {
        checkUsable();
        if (current != null) {
            current.close(); // skips the rest, validating it
        }
        try {
            if (!readDataHeader(false)) {
                return null;
            }
        } catch (IOException e) {
            throw fail(e);
        }
        current = new MessageInputStream(this, OpCode.of(opcode), rsv);
        return current;
    }

    /** Reads payload bytes of {@code message} (see {@link MessageInputStream#read(byte[], int, int)}). */
    int read(MessageInputStream message, byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (message != current) {
            return -1; // a message the reader has left
        }
        checkUsable();
        if (len == 0) {
            return 0;
        }
        try {
            while (frameRemaining == 0) {
                if (finalFrame) {
                    if (checkUtf8 && !utf8.isComplete()) {
                        throw new InvalidPayloadException("text message ends inside a UTF-8 sequence");
                    }
                    current = null;
                    return -1;
                }
                readDataHeader(true);
            }
            int n = in.read(b, off, (int) Math.min(len, frameRemaining));
            if (n < 0) {
                throw new EOFException("stream ended inside a frame, " + frameRemaining + " payload bytes missing");
            }
            if (header.masked()) {
                Masking.apply(b, off, n, header.maskKey(), framePosition);
            }
            framePosition += n;
            frameRemaining -= n;
            if (checkUtf8 && !utf8.update(b, off, n)) {
                throw new InvalidPayloadException("text message is not valid UTF-8 (RFC 6455 §8.1)");
            }
            return n;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Reads and drops the rest of {@code message}, validating it as a read would. */
    void skip(MessageInputStream message) throws IOException {
        while (message == current) {
            if (skipBuffer == null) {
                skipBuffer = new byte[512];
            }
            if (read(message, skipBuffer, 0, skipBuffer.length) < 0) {
                return;
            }
        }
    }

    /** Payload bytes of {@code message} that can be read without blocking (a lower bound). */
    int available(MessageInputStream message) throws IOException {
        return message != current || failure != null ? 0 : (int) Math.min(frameRemaining, in.available());
    }

    /**
     * Reads headers until a data frame's, handling control frames on the way. {@code continuation}
     * tells whether it must continue the current message; otherwise it starts a new one.
     *
     * @return false on a clean end of stream before a new message
     */
    private boolean readDataHeader(boolean continuation) throws IOException {
        while (true) {
            if (!FrameIO.readHeader(in, scratch, header)) {
                if (continuation) {
                    throw new EOFException("stream ended inside a fragmented message");
                }
                return false;
            }
            ProtocolChecks.checkHeader(header, side, allowedRsv, continuation);
            if (allowedRsv != 0) {
                ProtocolChecks.checkCompressionBit(header); // RFC 7692 §6: only on a message's first frame
            }
            if (header.length() > limits.maxFramePayload()) {
                throw new MessageTooBigException("frame payload " + header.length()
                        + " exceeds the limit of " + limits.maxFramePayload());
            }
            if (header.isControl()) {
                handleControl();
                continue;
            }
            if (!continuation) {
                opcode = header.opcode();
                rsv = header.rsv();
                checkUtf8 = opcode == OpCode.OP_TEXT && rsv == 0;
                messageSize = 0;
                utf8.reset();
            }
            if (header.length() > limits.maxMessageSize() - messageSize) {
                throw new MessageTooBigException("message of at least " + (messageSize + header.length())
                        + " bytes exceeds the limit of " + limits.maxMessageSize());
            }
            messageSize += header.length();
            finalFrame = header.fin();
            frameRemaining = header.length();
            framePosition = 0;
            return true;
        }
    }

    private void handleControl() throws IOException {
        int n = (int) header.length(); // at most 125: checked by ProtocolChecks
        FrameIO.readFully(in, control, 0, n);
        if (header.masked()) {
            Masking.apply(control, 0, n, header.maskKey(), 0);
        }
        ByteBuffer payload = controlView.clear().limit(n);
        switch (header.opcode()) {
            case OpCode.OP_PING -> controls.onPing(payload);
            case OpCode.OP_PONG -> controls.onPong(payload);
            default -> {
                CloseStatus status = CloseStatus.parse(payload);
                controls.onClose(status);
                throw new ConnectionClosedException(status);
            }
        }
    }

    private void checkUsable() throws IOException {
        if (failure instanceof ConnectionClosedException closed) {
            throw closed;
        }
        if (failure != null) {
            throw new IOException("the reader failed earlier: " + failure.getMessage(), failure);
        }
    }

    /** Records the first failure; a protocol failure goes to the handler first. */
    private IOException fail(IOException e) {
        if (failure != null) {
            return e;
        }
        failure = e;
        current = null;
        if (e instanceof WebSocketException wse) {
            try {
                controls.onError(wse);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return "MessageReader[" + side + ", " + (failure != null ? "failed: " + failure.getMessage()
                : current == null ? "between messages"
                : OpCode.of(opcode) + " message, " + frameRemaining + " bytes left in frame"
                + (finalFrame ? " (final)" : "")) + "]";
    }
}
