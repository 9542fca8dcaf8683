package dev.ws.message;

import dev.ws.CloseStatus;
import dev.ws.WebSocketException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records control events, then answers them as the default handler would. */
final class RecordingControlHandler extends DefaultControlHandler {

    final List<String> events = new ArrayList<>();

    RecordingControlHandler(FrameWriter out) {
        super(out);
    }

    @Override
    public void onPing(ByteBuffer payload) throws IOException {
        events.add("ping:" + RecordingListener.hex(payload));
        super.onPing(payload);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add("pong:" + RecordingListener.hex(payload));
    }

    @Override
    public void onClose(CloseStatus status) throws IOException {
        events.add("close:" + status.code() + ":" + status.reason());
        super.onClose(status);
    }

    @Override
    public void onError(WebSocketException error) throws IOException {
        events.add("error:" + error.closeCode());
        super.onError(error);
    }
}
