package dev.ws.examples;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link WebSocket} client as an independent peer: whole messages (text as
 * {@link String}, binary as {@code byte[]}) and pongs queue up in order; the server's close code
 * completes {@link #closeCode}.
 */
final class JdkClient implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket ws;

    private JdkClient(URI uri, String... headers) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        this.ws = builder.buildAsync(uri, new Collector()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Connects, with extra request headers as alternating names and values. */
    static JdkClient connect(URI uri, String... headers) throws Exception {
        return new JdkClient(uri, headers);
    }

    /** The HTTP status of a refused handshake; fails when the handshake succeeds. */
    static int refusal(URI uri, String... headers) throws Exception {
        try (JdkClient unexpected = connect(uri, headers)) {
            throw new AssertionError("the handshake succeeded: " + unexpected);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    void sendText(String text) throws Exception {
        ws.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void sendPing(byte[] data) throws Exception {
        ws.sendPing(ByteBuffer.wrap(data)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next message or pong, waiting for it. */
    Object next() throws InterruptedException {
        Object o = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("nothing received within " + TIMEOUT_SECONDS + " s");
        }
        return o;
    }

    String nextText() throws InterruptedException {
        return (String) next();
    }

    byte[] nextBinary() throws InterruptedException {
        return (byte[]) next();
    }

    /** Sends a close with {@code code} and returns the code of the server's close. */
    int closeWith(int code) throws Exception {
        ws.sendClose(code, "bye").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return closeCode.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ws.abort();
        http.close();
    }

    /** A pong as queued: its payload. */
    record Pong(ByteBuffer payload) {
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
            received.add(new Pong(copy));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
