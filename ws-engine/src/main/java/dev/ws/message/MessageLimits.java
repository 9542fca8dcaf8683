package dev.ws.message;

import dev.ws.FrameHeader;

/**
 * Size limits for received messages: one frame's payload, and one whole message (the sum of its
 * fragments). Exceeding either fails with {@link dev.ws.MessageTooBigException} (close code 1009)
 * as soon as a header announces it, before the bytes are read. An immutable value, safe to share.
 *
 * @param maxFramePayload the largest payload of one frame; at least 125, so any control frame fits
 * @param maxMessageSize  the largest message, all fragments together; at least 0
 */
public record MessageLimits(long maxFramePayload, long maxMessageSize) {

    /** 1 MiB: the default for both limits. */
    public static final long DEFAULT_MAX_SIZE = 1 << 20;

    /** Frames and messages of at most 1 MiB. */
    public static final MessageLimits DEFAULT = new MessageLimits(DEFAULT_MAX_SIZE, DEFAULT_MAX_SIZE);

    public MessageLimits {
        if (maxFramePayload < FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayload " + maxFramePayload + " must be at least 125");
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " must not be negative");
        }
    }

    /** Messages of at most {@code maxMessageSize} bytes, in frames of any size up to that (at least 125). */
    public static MessageLimits of(long maxMessageSize) {
        return new MessageLimits(Math.max(FrameHeader.MAX_CONTROL_PAYLOAD, maxMessageSize), maxMessageSize);
    }
}
