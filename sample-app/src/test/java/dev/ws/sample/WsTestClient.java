package dev.ws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDK's {@code java.net.http.WebSocket} as an independent test peer: whole text messages are
 * queued (as JSON trees with {@link #nextJson()}), binary ones as byte arrays, and the close code is recorded.
 */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    public final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    public WebSocket ws;

    /** Opens {@code ws://127.0.0.1:port/path}, waiting up to 10 s for the handshake. */
    public static WsTestClient connect(int port, String pathAndQuery) throws Exception {
        WsTestClient c = new WsTestClient();
        c.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), c).get(10, TimeUnit.SECONDS);
        return c;
    }

    public void sendText(String message) throws Exception {
        ws.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message, waiting up to 10 s. */
    public Object next() throws InterruptedException {
        Object m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 10 s");
        }
        return m;
    }

    /** The next message, a text message, as a JSON tree. */
    public JsonNode nextJson() throws InterruptedException {
        return JSON.readTree((String) next());
    }

    /** The next message whose {@code type} field is this, skipping others. */
    public JsonNode nextOfType(String type) throws InterruptedException {
        while (true) {
            JsonNode n = nextJson();
            if (type.equals(n.path("type").asString())) {
                return n;
            }
        }
    }

    /** Asserts that nothing arrives within the given time. */
    public void expectSilence(long millis) throws InterruptedException {
        Object m = messages.poll(millis, TimeUnit.MILLISECONDS);
        if (m != null) {
            throw new AssertionError("unexpected message: " + m);
        }
    }

    public int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        try {
            closeCode.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            ws.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text = new StringBuilder();
        }
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(binary.toByteArray());
            binary = new java.io.ByteArrayOutputStream();
        }
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
        closeReason.complete(reason);
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
        closeCode.completeExceptionally(error);
        closeReason.completeExceptionally(error);
    }
}
