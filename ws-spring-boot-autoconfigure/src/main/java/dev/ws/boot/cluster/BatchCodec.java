package dev.ws.boot.cluster;

import dev.ws.OpCode;
import dev.ws.handler.Broadcast;
import dev.ws.handler.BroadcastRejectedException;
import dev.ws.handler.BroadcastTarget;
import dev.ws.server.PreparedMessage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bytes of one stream entry: a batch of consecutive messages of one node. Each message is
 * encoded once, when it is published; a batch is the messages' bytes behind a header.
 *
 * <pre>
 * batch   = magic 'W' (1) | version 1 (1) | origin node UUID (16) | first seq (8) | count (4) | message*
 * message = target kind (1) | name length (2, unsigned) | name (UTF-8) | opcode 1 or 2 (1)
 *         | published at, epoch ms on the origin (8) | payload length (4) | payload
 * </pre>
 *
 * Message {@code i} of a batch has sequence number {@code first seq + i}. Big-endian throughout.
 * Decoding checks every length against what is there and throws {@link IllegalArgumentException}
 * on anything else than a well-formed batch (another program may write to the key).
 */
final class BatchCodec {

    static final byte MAGIC = 'W';
    static final byte VERSION = 1;
    /** magic, version, origin, first seq, count. */
    static final int HEADER_BYTES = 1 + 1 + 16 + 8 + 4;
    /** kind, name length, opcode, published at, payload length. */
    static final int MESSAGE_OVERHEAD = 1 + 2 + 1 + 8 + 4;
    /** A name's length is written in two bytes. */
    static final int MAX_NAME_BYTES = 0xFFFF;

    private static final BroadcastTarget.Kind[] KINDS = BroadcastTarget.Kind.values();

    private BatchCodec() {
    }

    /** A message decoded from a batch. */
    record Message(long seq, BroadcastTarget target, PreparedMessage message, long publishedAtMillis) {
    }

    /** A decoded batch. */
    record Batch(UUID origin, long firstSeq, List<Message> messages) {
    }

    /**
     * One message's bytes, as they go into any batch.
     *
     * @throws BroadcastRejectedException ({@code too-large}) when the target's name is longer than
     *         {@value #MAX_NAME_BYTES} bytes
     */
    static byte[] encodeMessage(Broadcast broadcast, long publishedAtMillis) {
        byte[] name = broadcast.target().name().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new BroadcastRejectedException(BroadcastRejectedException.TOO_LARGE,
                    "target name of " + name.length + " bytes exceeds " + MAX_NAME_BYTES);
        }
        PreparedMessage m = broadcast.message();
        ByteBuffer out = ByteBuffer.allocate(MESSAGE_OVERHEAD + name.length + m.payloadLength());
        out.put((byte) broadcast.target().kind().ordinal());
        out.putShort((short) name.length);
        out.put(name);
        out.put((byte) m.opCode().code());
        out.putLong(publishedAtMillis);
        out.putInt(m.payloadLength());
        out.put(m.payload());
        assert !out.hasRemaining();
        return out.array();
    }

    /** A batch of encoded messages, {@code messages[i]} having sequence number {@code firstSeq + i}. */
    static byte[] encodeBatch(UUID origin, long firstSeq, List<byte[]> messages) {
        int size = HEADER_BYTES;
        for (byte[] m : messages) {
            size += m.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC).put(VERSION);
        out.putLong(origin.getMostSignificantBits()).putLong(origin.getLeastSignificantBits());
        out.putLong(firstSeq);
        out.putInt(messages.size());
        for (byte[] m : messages) {
            out.put(m);
        }
        return out.array();
    }

    /** Whether an entry was written by this node (read before decoding the rest). */
    static boolean isFrom(byte[] batch, UUID origin) {
        if (batch.length < HEADER_BYTES || batch[0] != MAGIC) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(batch, 2, 16);
        return in.getLong() == origin.getMostSignificantBits() && in.getLong() == origin.getLeastSignificantBits();
    }

    /** @throws IllegalArgumentException when the bytes are not a well-formed batch */
    static Batch decode(byte[] batch) {
        try {
            ByteBuffer in = ByteBuffer.wrap(batch);
            byte magic = in.get();
            byte version = in.get();
            if (magic != MAGIC || version != VERSION) {
                throw new IllegalArgumentException("not a batch of version " + VERSION + ": starts with "
                        + (magic & 0xFF) + ", " + (version & 0xFF));
            }
            UUID origin = new UUID(in.getLong(), in.getLong());
            long firstSeq = in.getLong();
            int count = in.getInt();
            // each message takes MESSAGE_OVERHEAD bytes at least: a bad count cannot make us allocate much
            if (count < 0 || count > in.remaining() / MESSAGE_OVERHEAD) {
                throw new IllegalArgumentException("message count " + count + " does not fit "
                        + in.remaining() + " bytes");
            }
            List<Message> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                messages.add(decodeMessage(in, firstSeq + i));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last message");
            }
            return new Batch(origin, firstSeq, messages);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("batch of " + batch.length + " bytes is truncated");
        }
    }

    private static Message decodeMessage(ByteBuffer in, long seq) {
        int kind = in.get() & 0xFF;
        if (kind >= KINDS.length) {
            throw new IllegalArgumentException("unknown target kind " + kind);
        }
        byte[] name = bytes(in, in.getShort() & 0xFFFF);
        BroadcastTarget target = new BroadcastTarget(KINDS[kind], new String(name, StandardCharsets.UTF_8));
        int opcode = in.get();
        long publishedAt = in.getLong();
        byte[] payload = bytes(in, in.getInt());
        PreparedMessage message = switch (opcode) {
            case OpCode.OP_TEXT -> PreparedMessage.text(new String(payload, StandardCharsets.UTF_8));
            case OpCode.OP_BINARY -> PreparedMessage.binary(payload);
            default -> throw new IllegalArgumentException("opcode " + opcode + " is neither text nor binary");
        };
        return new Message(seq, target, message, publishedAt);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }
}
