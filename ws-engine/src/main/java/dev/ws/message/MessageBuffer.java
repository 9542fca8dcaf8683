package dev.ws.message;

import java.nio.ByteBuffer;

/**
 * The bytes of one message being assembled, for {@link MessageAssembler}: a heap array allocated on
 * the first byte, grown on demand, and handed over (then forgotten) when the message completes,
 * so a connection between messages holds no array. Growth follows the bytes received, never the
 * length a peer declares: twice what is needed, at least doubling (copying stays linear), never
 * beyond what the message can still reach. Not thread-safe.
 */
final class MessageBuffer {

    /** The smallest array allocated; small enough for an idle-heavy server, big enough to rarely regrow. */
    private static final int INITIAL_CAPACITY = 1024;

    private byte[] data;
    private int size;

    /**
     * Appends the bytes {@code [from, to)} of {@code src} (absolute indexes; position and limit are
     * left alone).
     *
     * @param expectedTotal the most bytes the message can reach, at least {@code size() + (to - from)}:
     *                      the exact size when known, else the message limit
     */
    void append(ByteBuffer src, int from, int to, long expectedTotal) {
        int n = to - from;
        ensureCapacity(n, expectedTotal);
        src.get(from, data, size, n);
        size += n;
    }

    /** Hands over the bytes held (position 0, limit the size) and forgets them. */
    ByteBuffer take() {
        ByteBuffer bytes = ByteBuffer.wrap(data, 0, size);
        release();
        return bytes;
    }

    /** Whether an array is held (some bytes were appended since the last {@link #take}). */
    boolean holdsBytes() {
        return data != null;
    }

    int size() {
        return size;
    }

    /** The array's length; 0 when none is held. */
    int capacity() {
        return data == null ? 0 : data.length;
    }

    void release() {
        data = null;
        size = 0;
    }

    private void ensureCapacity(int extra, long expectedTotal) {
        long required = (long) size + extra;
        assert required <= expectedTotal && expectedTotal <= MessageAssembler.MAX_BUFFER;
        int capacity = capacity();
        if (required <= capacity) {
            return;
        }
        long next = Math.min(expectedTotal, Math.max(INITIAL_CAPACITY, Math.max(2L * capacity, 2 * required)));
        byte[] bigger = new byte[(int) next];
        if (data != null) {
            System.arraycopy(data, 0, bigger, 0, size);
        }
        data = bigger;
    }

    @Override
    public String toString() {
        return "MessageBuffer[" + size + "/" + capacity() + "]";
    }
}
