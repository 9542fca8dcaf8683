package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.FrameDecoder;
import dev.ws.FrameHeader;
import dev.ws.InvalidPayloadException;
import dev.ws.MessageTooBigException;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.Side;
import dev.ws.Utf8Validator;
import dev.ws.WebSocketException;
import java.nio.ByteBuffer;

/**
 * Turns received bytes into whole messages (RFC 6455 §5.4–§5.6), without I/O: feed it whatever
 * arrived; it decodes every frame, joins fragments, validates text as the bytes arrive (failing on
 * the first invalid byte, Autobahn 6.4.x), applies the frame and message limits, runs an
 * {@link InboundExtension} (permessage-deflate) and calls a {@link MessageListener}.
 *
 * <p>Memory: a message that arrives whole, in one frame within the fed buffer, is handed over as a
 * view of that buffer (no copy). Otherwise its bytes are copied into a buffer that grows on demand,
 * never beyond the message limit, and is dropped once the message is delivered, so an idle
 * connection holds no buffer. A declared length over the limits fails before anything is copied.
 *
 * <p>A {@link WebSocketException} thrown by {@link #feed} names the close code to send; the
 * assembler is unusable afterwards. Not thread-safe: one per connection, fed by one thread at a time.
 */
public final class MessageAssembler {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int NO_MESSAGE = -1;

    private final FrameDecoder decoder;
    private final long maxMessageSize;
    private final MessageListener listener;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final InboundExtension.Sink sink = this::appendTransformed;
    private InboundExtension extension;

    private int messageOpcode = NO_MESSAGE;
    private boolean transformed;
    private long messageSize;
    private ByteBuffer message;
    private boolean viewFrame;
    private int viewStart;
    private int viewEnd;
    private ByteBuffer control;
    private boolean finished;

    /**
     * @param side            the receiving side (a server requires masked frames)
     * @param maxFramePayload largest payload of one frame (1009 beyond)
     * @param maxMessageSize  largest message, all fragments and any inflation included (1009 beyond)
     */
    public MessageAssembler(Side side, long maxFramePayload, long maxMessageSize, MessageListener listener) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive, got " + maxMessageSize);
        }
        this.decoder = new FrameDecoder(side, maxFramePayload);
        this.maxMessageSize = maxMessageSize;
        this.listener = listener;
    }

    /** Installs a negotiated extension; its RSV bits become legal on the first frame of a message. */
    public void extension(InboundExtension extension) {
        this.extension = extension;
        decoder.allowedRsv(extension == null ? 0 : extension.rsvBits());
    }

    /** True when no partial frame or message is held, so the caller may release its read buffer. */
    public boolean isIdle() {
        return decoder.isIdle() && messageOpcode == NO_MESSAGE && control == null;
    }

    /** Whether the peer's close frame was delivered (later bytes are ignored). */
    public boolean isFinished() {
        return finished;
    }

    /** Frees the buffers and closes the extension (connection end). */
    public void close() {
        message = null;
        control = null;
        finished = true;
        if (extension != null) {
            extension.close();
            extension = null;
        }
    }

    /** Decodes every frame in {@code in} (position to limit) and consumes all of it. */
    public void feed(ByteBuffer in) throws WebSocketException {
        while (!finished) {
            switch (decoder.decode(in)) {
                case FrameDecoder.NEED_MORE -> {
                    return;
                }
                case FrameDecoder.HEADER -> onHeader(in);
                case FrameDecoder.PAYLOAD -> onPayload(in, decoder.payloadStart(), decoder.payloadEnd());
                default -> onFrameEnd(in);
            }
        }
        in.position(in.limit());
    }

    private void onHeader(ByteBuffer in) throws WebSocketException {
        FrameHeader h = decoder.header();
        int op = h.opcode();
        if (h.isControl()) {
            rejectExtensionBits(h, "control");
            viewFrame = h.length() <= in.remaining();
            if (!viewFrame) {
                control = ByteBuffer.allocate((int) h.length());
            }
            return;
        }
        if (op == OpCode.OP_CONTINUATION) {
            rejectExtensionBits(h, "continuation");
        } else {
            messageOpcode = op;
            messageSize = 0;
            transformed = extension != null && extension.startMessage(h);
            if (op == OpCode.OP_TEXT) {
                utf8.reset();
            }
        }
        if (!transformed && messageSize + h.length() > maxMessageSize) {
            throw new MessageTooBigException("message of at least " + (messageSize + h.length())
                    + " bytes exceeds the limit of " + maxMessageSize);
        }
        // A whole message in one frame, all of it in this buffer: hand over a view, copy nothing.
        viewFrame = op != OpCode.OP_CONTINUATION && h.fin() && !transformed && h.length() <= in.remaining();
        if (!viewFrame && !transformed && message == null) {
            message = ByteBuffer.allocate((int) Math.min(maxMessageSize, Math.max(h.length(), 256)));
        }
    }

    private void rejectExtensionBits(FrameHeader h, String kind) throws ProtocolErrorException {
        if (extension != null && (h.rsv() & extension.rsvBits()) != 0) {
            throw new ProtocolErrorException("RSV bits " + h.rsv() + " set on a " + kind
                    + " frame (the extension allows them only on the first frame of a message)");
        }
    }

    private void onPayload(ByteBuffer in, int start, int end) throws WebSocketException {
        FrameHeader h = decoder.header();
        if (viewFrame) {
            viewStart = start; // the whole payload: delivered as a view at the frame's end
            viewEnd = end;
            return;
        }
        if (h.isControl()) {
            control.put(control.position(), in, start, end - start).position(control.position() + end - start);
            return;
        }
        int oldPosition = in.position();
        int oldLimit = in.limit();
        in.limit(end).position(start);
        try {
            if (transformed) {
                extension.transform(in, false, maxMessageSize - messageSize, sink);
            } else {
                append(in);
            }
        } finally {
            in.limit(oldLimit).position(oldPosition);
        }
    }

    private void onFrameEnd(ByteBuffer in) throws WebSocketException {
        FrameHeader h = decoder.header();
        if (viewFrame) {
            deliverView(in, h);
            return;
        }
        if (h.isControl()) {
            ByteBuffer payload = control.flip();
            control = null;
            deliverControl(h.opcode(), payload);
            return;
        }
        if (!h.fin()) {
            return;
        }
        if (transformed) {
            extension.transform(EMPTY, true, maxMessageSize - messageSize, sink);
        }
        if (messageOpcode == OpCode.OP_TEXT && !utf8.isComplete()) {
            throw new InvalidPayloadException("text message ends inside a UTF-8 sequence");
        }
        ByteBuffer payload = message == null ? EMPTY : message.flip();
        message = null;
        deliverData(payload);
    }

    /** Delivers a frame whose whole payload lies in {@code in}, as a view of it. */
    private void deliverView(ByteBuffer in, FrameHeader h) throws WebSocketException {
        viewFrame = false;
        if (h.length() == 0) {
            viewStart = viewEnd = in.position();
        }
        int oldPosition = in.position();
        int oldLimit = in.limit();
        in.limit(viewEnd).position(viewStart);
        try {
            if (h.isControl()) {
                deliverControl(h.opcode(), in);
            } else {
                if (messageOpcode == OpCode.OP_TEXT) {
                    utf8.reset();
                    if (!utf8.update(in, viewStart, viewEnd) || !utf8.isComplete()) {
                        throw new InvalidPayloadException("text message is not valid UTF-8");
                    }
                }
                deliverData(in);
            }
        } finally {
            in.limit(oldLimit).position(oldPosition);
        }
    }

    private void deliverData(ByteBuffer payload) {
        int op = messageOpcode;
        messageOpcode = NO_MESSAGE;
        transformed = false;
        if (op == OpCode.OP_TEXT) {
            listener.onText(payload);
        } else {
            listener.onBinary(payload);
        }
    }

    private void deliverControl(int op, ByteBuffer payload) throws WebSocketException {
        switch (op) {
            case OpCode.OP_PING -> listener.onPing(payload);
            case OpCode.OP_PONG -> listener.onPong(payload);
            default -> {
                CloseStatus status = CloseStatus.parse(payload);
                finished = true;
                listener.onClose(status);
            }
        }
    }

    /** Appends raw payload bytes of an untransformed message (limit already checked at the header). */
    private void append(ByteBuffer chunk) throws WebSocketException {
        if (messageOpcode == OpCode.OP_TEXT && !utf8.update(chunk, chunk.position(), chunk.limit())) {
            throw new InvalidPayloadException("text message is not valid UTF-8");
        }
        ensureRoom(chunk.remaining());
        message.put(chunk);
        messageSize += chunk.remaining();
    }

    /** Appends bytes produced by the extension, enforcing the message limit on them. */
    private void appendTransformed(ByteBuffer bytes) throws WebSocketException {
        int n = bytes.remaining();
        if (messageSize + n > maxMessageSize) {
            throw new MessageTooBigException("message exceeds the limit of " + maxMessageSize + " bytes after "
                    + "decompression");
        }
        if (messageOpcode == OpCode.OP_TEXT && !utf8.update(bytes, bytes.position(), bytes.limit())) {
            throw new InvalidPayloadException("text message is not valid UTF-8");
        }
        if (message == null) {
            message = ByteBuffer.allocate((int) Math.min(maxMessageSize, Math.max(1024, 2L * n)));
        }
        ensureRoom(n);
        message.put(bytes);
        messageSize += n;
    }

    private void ensureRoom(int n) {
        if (message.remaining() >= n) {
            return;
        }
        long needed = (long) message.position() + n;
        long size = Math.min(maxMessageSize, Math.max(needed, 2L * message.capacity()));
        ByteBuffer bigger = ByteBuffer.allocate((int) size);
        message = bigger.put(message.flip());
    }

    @Override
    public String toString() {
        return "MessageAssembler[" + decoder + (messageOpcode == NO_MESSAGE ? ", between messages"
                : ", message " + messageSize + " bytes so far") + "]";
    }
}
