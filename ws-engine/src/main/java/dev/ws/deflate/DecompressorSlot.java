package dev.ws.deflate;

import java.nio.ByteBuffer;

/** A pooled decompressor with its output scratch and the sync-flush tail it appends. */
final class DecompressorSlot {

    /** Inflated bytes are handed on in pieces of at most this size: memory stays flat. */
    static final int SCRATCH_SIZE = 8192;

    final Decompressor decompressor;
    final ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_SIZE);
    /** {@code 00 00 FF FF}, appended to every compressed message (RFC 7692 §7.2.2). */
    private final ByteBuffer tail = ByteBuffer.wrap(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF});

    DecompressorSlot(Decompressor decompressor) {
        this.decompressor = decompressor;
    }

    ByteBuffer tail() {
        return tail.clear();
    }
}
