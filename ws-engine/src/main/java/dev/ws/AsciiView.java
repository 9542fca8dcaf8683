package dev.ws;

import java.nio.charset.StandardCharsets;

/**
 * A {@link CharSequence} over bytes of the request head, one char per octet (ISO-8859-1). The
 * upgrader hands these to callbacks and retargets them afterwards: valid only during the call.
 */
final class AsciiView implements CharSequence {

    private byte[] bytes;
    private int from;
    private int to;

    AsciiView() {
    }

    AsciiView(byte[] bytes, int from, int to) {
        set(bytes, from, to);
    }

    AsciiView set(byte[] bytes, int from, int to) {
        assert 0 <= from && from <= to && to <= bytes.length : from + ".." + to;
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        return this;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= to - from) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[from + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || start > end || end > to - from) {
            throw new IndexOutOfBoundsException(start + ".." + end + " of " + (to - from));
        }
        return new AsciiView(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
