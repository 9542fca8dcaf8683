package dev.ws.message;

import dev.ws.CloseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records listener calls as readable strings, copying each payload during the call. */
final class RecordingListener implements MessageListener {

    final List<String> events = new ArrayList<>();
    /** The array behind each delivered buffer (null for direct or read-only buffers). */
    final List<byte[]> arrays = new ArrayList<>();

    @Override
    public void onText(ByteBuffer utf8) {
        record("text", StandardCharsets.UTF_8.decode(utf8.duplicate()).toString(), utf8);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        record("binary", hex(data), data);
    }

    @Override
    public void onPing(ByteBuffer payload) {
        record("ping", hex(payload), payload);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        record("pong", hex(payload), payload);
    }

    @Override
    public void onClose(CloseStatus status) {
        events.add("close:" + status.code() + ":" + status.reason());
        arrays.add(null);
    }

    private void record(String kind, String value, ByteBuffer b) {
        events.add(kind + ":" + value);
        arrays.add(b.hasArray() && !b.isReadOnly() ? b.array() : null);
    }

    static String hex(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return HexFormat.of().formatHex(copy);
    }
}
