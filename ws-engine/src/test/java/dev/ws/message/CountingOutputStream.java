package dev.ws.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Keeps every {@code write} call's bytes apart, to check that each frame goes out in one write. */
final class CountingOutputStream extends OutputStream {

    final List<byte[]> writes = new ArrayList<>();
    final ByteArrayOutputStream all = new ByteArrayOutputStream();
    int flushes;
    IOException failNext;

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (failNext != null) {
            IOException e = failNext;
            failNext = null;
            all.write(b, off, len / 2); // half a frame reached the wire
            throw e;
        }
        byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
        writes.add(copy);
        all.writeBytes(copy);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    synchronized byte[] bytes() {
        return all.toByteArray();
    }
}
