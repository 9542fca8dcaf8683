package dev.ws.deflate;

import java.nio.ByteBuffer;

/** A pooled compressor with the scratch buffer the chunked and streaming forms use. */
final class CompressorSlot {

    /** Scratch size for chunked output: big enough for few sink calls, small enough to pool. */
    static final int SCRATCH_SIZE = 8192;

    final Compressor compressor;
    private ByteBuffer scratch;

    CompressorSlot(Compressor compressor) {
        this.compressor = compressor;
    }

    /** The scratch buffer, allocated on first use (the into-buffer form never needs it), cleared. */
    ByteBuffer scratch() {
        if (scratch == null) {
            scratch = ByteBuffer.allocate(SCRATCH_SIZE);
        }
        return scratch.clear();
    }
}
