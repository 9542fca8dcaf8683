package dev.ws.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A connection for the scenarios that exchange the odd small message (idle memory, broadcast, handshakes): it
 * assembles each whole message (up to {@link #MAX_MESSAGE} bytes) and hands it to a {@link Listener}.
 */
final class MessageConnection extends WsConnection {

    /** Largest message assembled; longer ones fail the connection. */
    static final int MAX_MESSAGE = 64 * 1024;

    /** Receives whole messages on the connection's event loop. */
    @FunctionalInterface
    interface Listener {
        /**
         * A whole message arrived.
         *
         * @param connection where
         * @param opcode text or binary
         * @param payload its bytes; only valid during the call
         */
        void onMessage(MessageConnection connection, int opcode, ByteBuf payload);
    }

    private final boolean closeWhenOpen;
    private volatile Listener listener;
    private ByteBuf message;
    private int messageOpcode;
    long lastMessageNanos;

    /**
     * @param handshake the request to send
     * @param closeWhenOpen whether to start the closing handshake as soon as the upgrade succeeds
     * @param listener receives messages; may be set later with {@link #listener(Listener)}
     */
    MessageConnection(Handshake handshake, boolean closeWhenOpen, Listener listener) {
        super(handshake);
        this.closeWhenOpen = closeWhenOpen;
        this.listener = listener;
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    /** Sends one whole text message; from any thread. */
    void sendText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(encode(channel.alloc(), OP_TEXT, payload), channel.voidPromise());
            }
        });
    }

    @Override
    void onOpen() {
        if (closeWhenOpen) {
            close();
        }
    }

    @Override
    void onFrameStart(int opcode, boolean first, boolean fin, long length) {
        if (first) {
            messageOpcode = opcode;
            if (message == null) {
                message = channel.alloc().heapBuffer(128);
            }
            message.clear();
        }
        if (message == null || message.readableBytes() + length > MAX_MESSAGE) {
            fail("message over " + MAX_MESSAGE + " bytes");
        }
    }

    @Override
    void onPayload(ByteBuf in, int index, int length) {
        if (message != null) {
            message.writeBytes(in, index, length);
        }
    }

    @Override
    void onFrameEnd(boolean fin) {
        if (fin && message != null) {
            lastMessageNanos = System.nanoTime();
            Listener l = listener;
            if (l != null) {
                l.onMessage(this, messageOpcode, message);
            }
            message.release();
            message = null;
        }
    }

    @Override
    void onClosed() {
        if (message != null) {
            message.release();
            message = null;
        }
    }
}
