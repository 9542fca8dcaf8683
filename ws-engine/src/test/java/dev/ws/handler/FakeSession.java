package dev.ws.handler;

import dev.ws.CloseStatus;
import dev.ws.server.PreparedMessage;
import dev.ws.server.SendRejectedException;
import dev.ws.server.WebSocketSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A session that records what is sent to it; open until closed; refuses sends when told to. */
final class FakeSession implements WebSocketSession {

    private static final AtomicInteger IDS = new AtomicInteger();

    final String id = "s" + IDS.incrementAndGet();
    final String route;
    final Map<String, String> pathParams;
    final String query;
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    final List<Object> sent = new CopyOnWriteArrayList<>();
    volatile CloseStatus closedWith;
    volatile boolean refuseSends;

    FakeSession(String route, Map<String, String> pathParams, String query) {
        this.route = route;
        this.pathParams = pathParams;
        this.query = query;
    }

    FakeSession(String route) {
        this(route, Map.of(), null);
    }

    /** The last text sent, or null. */
    String lastText() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i) instanceof String s) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String uri() {
        return query == null ? route : route + "?" + query;
    }

    @Override
    public String path() {
        return route;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public String route() {
        return route;
    }

    @Override
    public String subprotocol() {
        return null;
    }

    @Override
    public List<String> extensions() {
        return List.of();
    }

    @Override
    public String header(String name) {
        return null;
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public boolean isWritable() {
        return !refuseSends;
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public long openedAtMillis() {
        return 0;
    }

    private CompletionStage<Void> record(Object o) {
        if (refuseSends || closedWith != null) {
            return CompletableFuture.failedFuture(new SendRejectedException("refused"));
        }
        sent.add(o);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        return record(text.toString());
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return record(b);
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        return record(data.clone());
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer data) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> send(PreparedMessage message) {
        return record(message);
    }

    @Override
    public CompletionStage<Void> close(CloseStatus status) {
        if (closedWith == null) {
            closedWith = status;
        }
        return CompletableFuture.completedFuture(null);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
