package dev.ws.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket connection as a single Netty handler, with no codecs in the pipeline: it writes the upgrade
 * request when the channel becomes active, checks the response head, then parses server frames in place from each
 * inbound buffer and hands data frame payloads to the subclass as they arrive, without assembling messages.
 *
 * <p>Order of calls on a subclass (all on the channel's event loop):
 * {@code onOpen (onFrameStart onPayload* onFrameEnd)* onClosed}; {@code onReadComplete} after each read batch.
 * It answers pings with pongs and close with close (RFC 6455 §5.5), and closes the TCP connection once both close
 * frames are exchanged. {@link #opened} completes on a valid 101 response (or fails), {@link #closed} when the
 * channel is inactive.
 */
abstract class WsConnection extends ChannelInboundHandlerAdapter {

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** Largest response head accepted before the handshake is declared failed. */
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_CONTROL_PAYLOAD = 125;

    final CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final Handshake handshake;
    Channel channel;
    long connectStartNanos;
    long openNanos;
    private ByteBuf head;
    private boolean open;
    private boolean closeSent;
    private volatile String failure;

    private final byte[] header = new byte[10];
    private int headerLength;
    private boolean inPayload;
    private long payloadRemaining;
    private int frameOpcode;
    private boolean frameFin;
    private int messageOpcode;
    private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
    private int controlLength;

    WsConnection(Handshake handshake) {
        this.handshake = handshake;
    }

    /** {@return why this connection failed or was closed by the peer unasked, or {@code null}} */
    String failure() {
        return failure;
    }

    boolean isOpen() {
        return open && !closeSent && channel != null && channel.isActive();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.request()), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (open) {
                parseFrames(in);
            } else {
                readHead(ctx, in);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (open) {
            onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (head != null) {
            head.release();
            head = null;
        }
        if (!opened.isDone()) {
            fail("closed during handshake");
            opened.completeExceptionally(new IllegalStateException(failure));
        } else if (!closeSent && failure == null) {
            fail("closed by server without a close frame");
        }
        onClosed();
        closed.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.toString());
        ctx.close();
    }

    /** Records the first failure and closes the TCP connection. */
    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Starts the closing handshake with status 1000; the TCP connection closes when the server answers. Safe from any
     * thread.
     */
    void close() {
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            if (!open) {
                channel.close();
                return;
            }
            if (!closeSent) {
                closeSent = true;
                channel.writeAndFlush(encode(channel.alloc(), OP_CLOSE, new byte[] {0x03, (byte) 0xE8}));
            }
        });
    }

    /** Masks and frames one whole message; for the odd small message, not for the hot path. */
    static ByteBuf encode(ByteBufAllocator alloc, int opcode, byte[] payload) {
        int length = payload.length;
        ByteBuf out = alloc.buffer(14 + length);
        out.writeByte(0x80 | opcode);
        if (length < 126) {
            out.writeByte(0x80 | length);
        } else if (length < 65536) {
            out.writeByte(0x80 | 126).writeShort(length);
        } else {
            out.writeByte(0x80 | 127).writeLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt() | 1;
        out.writeInt(mask);
        for (int j = 0; j < length; j++) {
            out.writeByte(payload[j] ^ (mask >>> (24 - 8 * (j & 3))));
        }
        return out;
    }

    private void readHead(ChannelHandlerContext ctx, ByteBuf in) {
        if (head == null) {
            head = ctx.alloc().heapBuffer(512);
        }
        head.writeBytes(in);
        int end = indexOfBlankLine(head);
        if (end < 0) {
            if (head.readableBytes() > MAX_HEAD) {
                fail("response head over " + MAX_HEAD + " bytes");
                opened.completeExceptionally(new IllegalStateException(failure));
            }
            return;
        }
        String text = head.toString(head.readerIndex(), end - head.readerIndex(), StandardCharsets.ISO_8859_1);
        String problem = handshake.check(text);
        if (problem != null) {
            fail("handshake: " + problem);
            opened.completeExceptionally(new IllegalStateException(failure));
            return;
        }
        open = true;
        openNanos = System.nanoTime();
        head.readerIndex(end + 4);
        ByteBuf rest = head;
        head = null;
        try {
            onOpen();
            opened.complete(this);
            if (rest.isReadable() && open) {
                parseFrames(rest);
            }
        } finally {
            rest.release();
        }
    }

    private static int indexOfBlankLine(ByteBuf buf) {
        for (int i = buf.readerIndex(), end = buf.writerIndex() - 3; i < end; i++) {
            if (buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n' && buf.getByte(i + 2) == '\r'
                    && buf.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void parseFrames(ByteBuf in) {
        while (in.isReadable() && channel.isActive()) {
            if (inPayload) {
                int n = (int) Math.min(payloadRemaining, in.readableBytes());
                int at = in.readerIndex();
                if (frameOpcode >= OP_CLOSE) {
                    in.getBytes(at, control, controlLength, n);
                    controlLength += n;
                } else {
                    onPayload(in, at, n);
                }
                in.skipBytes(n);
                payloadRemaining -= n;
                if (payloadRemaining == 0) {
                    inPayload = false;
                    endFrame();
                }
            } else if (headerLength == 0 && in.readableBytes() >= 2 && in.readableBytes() >= headerSize(in.getByte(
                    in.readerIndex() + 1))) {
                int at = in.readerIndex();
                int b0 = in.getByte(at) & 0xFF;
                int b1 = in.getByte(at + 1) & 0xFF;
                int size = headerSize((byte) b1);
                long length = switch (size) {
                    case 2 -> b1 & 0x7F;
                    case 4 -> in.getUnsignedShort(at + 2);
                    default -> in.getLong(at + 2);
                };
                in.skipBytes(size);
                startFrame(b0, b1, length);
            } else {
                header[headerLength++] = in.readByte();
                if (headerLength >= 2 && headerLength == headerSize(header[1])) {
                    int b0 = header[0] & 0xFF;
                    int b1 = header[1] & 0xFF;
                    long length = 0;
                    if (headerLength == 2) {
                        length = b1 & 0x7F;
                    } else {
                        for (int i = 2; i < headerLength; i++) {
                            length = (length << 8) | (header[i] & 0xFF);
                        }
                    }
                    headerLength = 0;
                    startFrame(b0, b1, length);
                }
            }
        }
    }

    private static int headerSize(byte second) {
        int len7 = second & 0x7F;
        return len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
    }

    private void startFrame(int b0, int b1, long length) {
        if ((b1 & 0x80) != 0) {
            fail("server frame is masked (RFC 6455 §5.1)");
            return;
        }
        if ((b0 & 0x70) != 0) {
            fail("RSV bits set without an extension");
            return;
        }
        frameFin = (b0 & 0x80) != 0;
        frameOpcode = b0 & 0x0F;
        if (length < 0) {
            fail("frame length " + length);
            return;
        }
        if (frameOpcode >= OP_CLOSE) {
            if (length > MAX_CONTROL_PAYLOAD || !frameFin) {
                fail("bad control frame");
                return;
            }
            controlLength = 0;
        } else {
            boolean first = frameOpcode != OP_CONTINUATION;
            if (first) {
                messageOpcode = frameOpcode;
            }
            onFrameStart(messageOpcode, first, frameFin, length);
        }
        payloadRemaining = length;
        if (length == 0) {
            endFrame();
        } else {
            inPayload = true;
        }
    }

    private void endFrame() {
        switch (frameOpcode) {
            case OP_CLOSE -> {
                if (!closeSent) {
                    closeSent = true;
                    byte[] echo = new byte[controlLength];
                    System.arraycopy(control, 0, echo, 0, controlLength);
                    if (failure == null) {
                        failure = "server closed: " + describeClose(echo);
                    }
                    channel.writeAndFlush(encode(channel.alloc(), OP_CLOSE, echo))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    channel.close();
                }
            }
            case OP_PING -> {
                byte[] payload = new byte[controlLength];
                System.arraycopy(control, 0, payload, 0, controlLength);
                channel.writeAndFlush(encode(channel.alloc(), OP_PONG, payload), channel.voidPromise());
            }
            case OP_PONG -> {
                // unsolicited pongs are allowed and ignored (RFC 6455 §5.5.3)
            }
            default -> onFrameEnd(frameFin);
        }
    }

    private static String describeClose(byte[] payload) {
        if (payload.length < 2) {
            return "no status";
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    /** Called once the upgrade succeeded, before {@link #opened} completes. */
    abstract void onOpen();

    /**
     * A data frame starts.
     *
     * @param opcode the message's opcode (text or binary), also for continuation frames
     * @param first whether this is the first frame of a message
     * @param fin whether this is the last frame of a message
     * @param length the frame's payload length
     */
    abstract void onFrameStart(int opcode, boolean first, boolean fin, long length);

    /** Part of a data frame's payload: {@code in[index, index+length)}; valid only during the call. */
    abstract void onPayload(ByteBuf in, int index, int length);

    /** A data frame ended; {@code fin} ends the message. */
    abstract void onFrameEnd(boolean fin);

    /** A read batch ended: the time to write replies and flush. */
    void onReadComplete() {
    }

    /** The TCP connection is closed. */
    void onClosed() {
    }
}
