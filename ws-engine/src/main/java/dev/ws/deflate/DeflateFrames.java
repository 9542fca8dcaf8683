package dev.ws.deflate;

import dev.ws.Frame;
import dev.ws.FrameHeader;
import dev.ws.OpCode;
import dev.ws.ProtocolErrorException;
import dev.ws.WebSocketException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Frame-level permessage-deflate for low-level users, like gobwas/ws's {@code wsflate.CompressFrame}
 * and {@code DecompressFrame}: one whole (final) data frame at a time, no context takeover, 15-bit
 * windows, level 6, so it fits any negotiation. Compressors come from a small shared pool. Allocates
 * the result; thread-safe.
 */
public final class DeflateFrames {

    private static final int POOL_SIZE = 4;
    private static final NegotiatedDeflate SHARED = new NegotiatedDeflate(
            PerMessageDeflate.builder().poolSize(POOL_SIZE).build(), dev.ws.Side.SERVER,
            new DeflateParameters(true, true, DeflateParameters.ABSENT, DeflateParameters.ABSENT));

    private DeflateFrames() {
    }

    /**
     * Compresses a final data frame: a new frame with RSV1 set and the compressed payload.
     *
     * @throws IllegalArgumentException for control frames, non-final frames or frames with RSV1 set
     */
    public static Frame compress(Frame frame) {
        if (frame.opCode().isControl() || frame.opCode() == OpCode.CONTINUATION || !frame.fin()
                || (frame.rsv() & FrameHeader.RSV1) != 0) {
            throw new IllegalArgumentException("only a whole uncompressed data message can be compressed, got "
                    + frame.opCode() + (frame.fin() ? "" : " fin=false") + " rsv=" + frame.rsv());
        }
        try (MessageDeflater deflater = SHARED.newDeflater()) {
            ByteBuffer payload = frame.payload().duplicate();
            ByteBuffer out = ByteBuffer.allocate(MessageDeflater.maxCompressedLength(payload.remaining()));
            deflater.compress(payload, out);
            return new Frame(true, frame.rsv() | FrameHeader.RSV1, frame.opCode(), out.flip());
        }
    }

    /**
     * Inflates a final data frame with RSV1 set: a new frame with RSV1 clear. A frame without RSV1
     * is returned as it is.
     *
     * @param maxPayload the most inflated bytes accepted
     * @throws ProtocolErrorException   (1002) for a non-final frame with RSV1
     * @throws dev.ws.MessageTooBigException (1009) past {@code maxPayload}
     * @throws dev.ws.InvalidPayloadException (1007) when the payload is not DEFLATE data
     */
    public static Frame decompress(Frame frame, long maxPayload) throws WebSocketException {
        if ((frame.rsv() & FrameHeader.RSV1) == 0) {
            return frame;
        }
        if (frame.opCode().isControl() || frame.opCode() == OpCode.CONTINUATION) {
            throw new ProtocolErrorException("RSV1 set on a " + frame.opCode()
                    + " frame (RFC 7692 allows it only on the first frame of a message)");
        }
        if (!frame.fin()) {
            throw new ProtocolErrorException("DeflateFrames inflates whole messages only; got a non-final frame");
        }
        FrameHeader h = new FrameHeader().set(true, frame.rsv(), frame.opCode().code(), frame.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageInflater inflater = SHARED.newInflater()) {
            inflater.startMessage(h);
            inflater.transform(frame.payload().duplicate(), true, maxPayload,
                    b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        }
        return new Frame(true, frame.rsv() & ~FrameHeader.RSV1, frame.opCode(), ByteBuffer.wrap(out.toByteArray()));
    }
}
