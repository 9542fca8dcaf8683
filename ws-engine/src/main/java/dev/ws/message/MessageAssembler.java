package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.FrameDecoder;
import dev.ws.FrameHeader;
import dev.ws.InvalidPayloadException;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolChecks;
import dev.ws.Side;
import dev.ws.Utf8Validator;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A sans-I/O message assembler (RFC 6455 §5.4–§5.6) on top of {@link FrameDecoder}: feed it the
 * bytes that arrived, in any chunks; it hands whole messages and control frames to a
 * {@link MessageListener}. No I/O happens here, and it never replies by itself.
 *
 * <ul>
 *   <li><b>Zero copy</b> when it can: an unfragmented message whose frame lies entirely in the
 *       input is handed over as a view of the input (unmasked in place).</li>
 *   <li>Fragmented messages, and frames cut by the end of an input, are copied into an internal
 *       buffer that grows on demand up to {@code maxMessageSize} and is <b>dropped when the message
 *       completes</b>, so an idle connection holds no buffer. A message is rejected with
 *       {@link MessageTooBigException} (1009) as soon as its size is known to exceed the limit,
 *       before its bytes are copied.</li>
 *   <li>Control frames inside a fragmented message are delivered at once; one cut by the end of an
 *       input is kept in a buffer of its own length (at most 125 bytes) until it completes.</li>
 *   <li>Text is validated as UTF-8 while it arrives, across fragments: the input that holds the
 *       first invalid byte fails with {@link InvalidPayloadException} (1007, Autobahn 6.4.x), and a
 *       message that ends inside a code point fails at its end.</li>
 *   <li>With an {@link InboundExtension}: {@code startMessage} on the first frame of each data
 *       message, payload through {@code transform} with the rest of the message budget as
 *       {@code maxOutput}; limits and UTF-8 apply to the transformed bytes.</li>
 * </ul>
 *
 * <p><b>Buffers:</b> {@link #feed} consumes its whole input and keeps no reference to it once it
 * returns; what a listener receives is valid only during the callback (see {@link MessageListener}).
 *
 * <p><b>Errors:</b> protocol errors surface as the {@link WebSocketException} whose
 * {@link WebSocketException#closeStatus()} the caller sends. After an exception (also one thrown by
 * the listener) the assembler is unusable: its buffers are released and {@code feed} throws
 * {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one assembler per connection, fed by one thread at a time.
 */
public final class MessageAssembler {

    /** The largest array the VMs we run on allocate (some reserve header words). */
    static final long MAX_BUFFER = Integer.MAX_VALUE - 8;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final FrameDecoder decoder;
    private final long maxMessageSize;
    private MessageListener listener;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final InboundExtension.Sink transformedOutput = this::appendTransformed;
    private InboundExtension extension;

    // The current data message.
    private boolean inMessage;
    private int messageOpcode;
    private boolean transformed;
    private boolean lastChunkTransformed;
    private long messageSize;   // bytes of the message so far (after the extension's transformation)
    private final MessageBuffer buffer = new MessageBuffer(); // what was copied of it

    // The current frame.
    private int viewStart;      // the payload as a view of the input, while it lies in one input
    private int viewEnd;
    private byte[] control;     // a control payload cut by the end of an input, else null
    private int controlLength;

    // Saved position and limit of the input while it is windowed for a callback.
    private int savedPosition;
    private int savedLimit;

    private boolean closed;
    private boolean failed;

    /**
     * @param side            the side that receives (a server expects masked frames)
     * @param maxFramePayload the largest frame payload accepted (at least 125); larger fails with 1009
     * @param maxMessageSize  the largest message accepted, after any extension's transformation;
     *                        larger fails with 1009. At most {@code Integer.MAX_VALUE - 8}
     * @param listener        receives messages and control frames
     */
    public MessageAssembler(Side side, long maxFramePayload, long maxMessageSize, MessageListener listener) {
        if (maxMessageSize < 0 || maxMessageSize > MAX_BUFFER) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize
                    + " must be in [0, " + MAX_BUFFER + "]");
        }
        this.decoder = new FrameDecoder(Objects.requireNonNull(side, "side"), maxFramePayload);
        this.maxMessageSize = maxMessageSize;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Installs the extension negotiated for this connection (permessage-deflate) and allows its
     * RSV bits in the decoder. Call it before feeding the first frame. The assembler closes it in
     * {@link #close()}.
     */
    public void extension(InboundExtension extension) {
        this.extension = Objects.requireNonNull(extension, "extension");
        decoder.allowedRsv(extension.rsvBits());
    }

    /**
     * Decodes every frame in {@code in} (position to limit) and consumes all of it: on return the
     * position equals the limit. Bytes after a close frame are ignored.
     *
     * @throws WebSocketException on a protocol error, an invalid payload or an exceeded limit; send
     *                            its {@link WebSocketException#closeStatus()} and stop feeding
     */
    public void feed(ByteBuffer in) throws WebSocketException {
        if (failed) {
            throw new IllegalStateException("the assembler failed earlier and cannot be used again");
        }
        try {
            while (!closed) {
                switch (decoder.decode(in)) {
                    case FrameDecoder.NEED_MORE -> {
                        return;
                    }
                    case FrameDecoder.HEADER -> onHeader(in);
                    case FrameDecoder.PAYLOAD -> onPayload(in, decoder.payloadStart(), decoder.payloadEnd());
                    case FrameDecoder.FRAME_END -> onFrameEnd(in);
                    default -> throw new AssertionError("unknown decoder event");
                }
            }
            in.position(in.limit());
        } catch (WebSocketException | RuntimeException e) {
            failed = true;
            release();
            throw e;
        }
    }

    /**
     * True when no partial frame or message is held: the assembler keeps only its fixed state
     * (no buffer), and the connection stands between messages. Also true after a close frame, a
     * failure or {@link #close()}. (Feed never keeps the caller's buffer: the caller may release
     * or reuse it after every {@code feed}.)
     */
    public boolean isIdle() {
        return closed || failed || (!inMessage && decoder.isIdle());
    }

    /**
     * Whether this assembler can be handed to another connection with {@link #rebind}: idle, not
     * closed or failed, and without an extension (whose state belongs to its connection).
     */
    public boolean isReusable() {
        return !closed && !failed && extension == null && !inMessage && decoder.isIdle();
    }

    /**
     * Delivers to another listener from now on: lets a server keep a few assemblers per event loop
     * and lend them to connections only while bytes arrive, so an idle connection holds none.
     *
     * @throws IllegalStateException unless {@link #isReusable()}
     */
    public void rebind(MessageListener listener) {
        if (!isReusable()) {
            throw new IllegalStateException("only an idle assembler without extension can change listener: " + this);
        }
        this.listener = listener;
    }

    /** Frees internal buffers and closes the extension (connection end). Idempotent. */
    public void close() {
        closed = true;
        release();
        if (extension != null) {
            InboundExtension e = extension;
            extension = null;
            e.close();
        }
    }

    private void onHeader(ByteBuffer in) throws WebSocketException {
        FrameHeader h = decoder.header();
        if (extension != null) {
            ProtocolChecks.checkCompressionBit(h); // RFC 7692 §6: RSV1 only on a message's first frame
        }
        viewStart = viewEnd = in.position(); // an empty payload is an empty view
        if (h.isControl()) {
            return;
        }
        if (h.opcode() != OpCode.OP_CONTINUATION) {
            assert !inMessage : "the decoder rejects a new data frame inside a fragmented message";
            inMessage = true;
            messageOpcode = h.opcode();
            messageSize = 0;
            utf8.reset();
            lastChunkTransformed = false;
            transformed = extension != null && extension.startMessage(h);
        }
        if (!transformed && h.length() > maxMessageSize - messageSize) {
            throw new MessageTooBigException("message of at least " + (messageSize + h.length())
                    + " bytes exceeds the limit of " + maxMessageSize);
        }
    }

    private void onPayload(ByteBuffer in, int start, int end) throws WebSocketException {
        FrameHeader h = decoder.header();
        boolean wholeFrame = decoder.chunkOffset() == 0 && decoder.payloadRemaining() == 0;
        if (h.isControl()) {
            if (wholeFrame) {
                viewStart = start;
                viewEnd = end;
            } else {
                appendControl(in, start, end);
            }
        } else if (transformed) {
            boolean last = h.fin() && decoder.payloadRemaining() == 0;
            lastChunkTransformed = last;
            try {
                extension.transform(window(in, start, end), last, maxMessageSize - messageSize, transformedOutput);
            } finally {
                restore(in);
            }
        } else {
            if (messageOpcode == OpCode.OP_TEXT && !utf8.update(in, start, end)) {
                throw invalidUtf8();
            }
            if (wholeFrame && h.fin() && messageSize == 0) {
                viewStart = start;
                viewEnd = end;
                messageSize = end - start;
            } else {
                long expected = h.fin() ? messageSize + (end - start) + decoder.payloadRemaining() : maxMessageSize;
                buffer.append(in, start, end, expected);
                messageSize += end - start;
            }
        }
    }

    private void onFrameEnd(ByteBuffer in) throws WebSocketException {
        FrameHeader h = decoder.header();
        if (h.isControl()) {
            deliverControl(in, h.opcode());
            return;
        }
        if (!h.fin()) {
            return;
        }
        if (transformed && !lastChunkTransformed) {
            extension.transform(EMPTY, true, maxMessageSize - messageSize, transformedOutput);
        }
        if (messageOpcode == OpCode.OP_TEXT && !utf8.isComplete()) {
            throw new InvalidPayloadException("text message ends inside a UTF-8 sequence");
        }
        inMessage = false;
        if (buffer.holdsBytes()) {
            assert buffer.size() == messageSize;
            deliverData(buffer.take()); // taken: an idle connection holds no buffer
        } else if (messageSize == 0) {
            deliverData(EMPTY);
        } else {
            assert !transformed && viewEnd - viewStart == messageSize;
            try {
                deliverData(window(in, viewStart, viewEnd));
            } finally {
                restore(in);
            }
        }
    }

    private void deliverData(ByteBuffer message) {
        if (messageOpcode == OpCode.OP_TEXT) {
            listener.onText(message);
        } else {
            listener.onBinary(message);
        }
    }

    private void deliverControl(ByteBuffer in, int opcode) throws WebSocketException {
        boolean windowed = control == null;
        ByteBuffer payload = windowed ? window(in, viewStart, viewEnd) : ByteBuffer.wrap(control, 0, controlLength);
        control = null;
        try {
            switch (opcode) {
                case OpCode.OP_PING -> listener.onPing(payload);
                case OpCode.OP_PONG -> listener.onPong(payload);
                case OpCode.OP_CLOSE -> {
                    CloseStatus status = CloseStatus.parse(payload);
                    closed = true; // RFC 6455 §5.5.1: nothing is read after a close frame
                    release();
                    listener.onClose(status);
                }
                default -> throw new AssertionError("control opcode " + opcode);
            }
        } finally {
            if (windowed) {
                restore(in);
            }
        }
    }

    private void appendControl(ByteBuffer in, int start, int end) {
        if (control == null) {
            control = new byte[(int) decoder.header().length()]; // at most 125: the decoder checked it
            controlLength = 0;
        }
        in.get(start, control, controlLength, end - start);
        controlLength += end - start;
    }

    /** The extension's output: counted against the limit, validated, then copied. */
    private void appendTransformed(ByteBuffer bytes) throws WebSocketException {
        int n = bytes.remaining();
        if (n > maxMessageSize - messageSize) {
            throw new MessageTooBigException("transformed message of at least " + (messageSize + n)
                    + " bytes exceeds the limit of " + maxMessageSize);
        }
        if (messageOpcode == OpCode.OP_TEXT && !utf8.update(bytes, bytes.position(), bytes.limit())) {
            throw invalidUtf8();
        }
        buffer.append(bytes, bytes.position(), bytes.limit(), maxMessageSize);
        messageSize += n;
    }

    /** Narrows the input to {@code [start, end)} for a callback; {@link #restore} undoes it. */
    private ByteBuffer window(ByteBuffer in, int start, int end) {
        savedPosition = in.position();
        savedLimit = in.limit();
        return in.position(start).limit(end);
    }

    private void restore(ByteBuffer in) {
        in.limit(savedLimit).position(savedPosition);
    }

    private void release() {
        buffer.release();
        control = null;
        inMessage = false;
    }

    private static InvalidPayloadException invalidUtf8() {
        return new InvalidPayloadException("text message is not valid UTF-8 (RFC 6455 §8.1)");
    }

    /** Internal buffer capacity, for tests: 0 when no message buffer is held. */
    int bufferCapacity() {
        return buffer.capacity();
    }

    @Override
    public String toString() {
        return "MessageAssembler[" + (failed ? "failed" : closed ? "closed"
                : inMessage ? (messageOpcode == OpCode.OP_TEXT ? "text " : "binary ") + messageSize + " bytes"
                + (transformed ? " transformed" : "") + (buffer.holdsBytes() ? ", " + buffer : "")
                : "between messages") + ", " + decoder + "]";
    }
}
