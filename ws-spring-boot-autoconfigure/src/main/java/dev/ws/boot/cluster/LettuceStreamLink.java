package dev.ws.boot.cluster;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The stream over Lettuce's asynchronous API, on the client Spring Boot configured
 * ({@code spring.data.redis.*}: host, credentials, TLS, timeouts, client resources). Two
 * connections of its own: one for writes and the end-of-stream lookup, one for the blocking reads
 * ({@code XREAD BLOCK} holds its connection), whose command timeout is raised to the poll timeout
 * plus the command timeout so that a quiet stream is not an error. After the first connect,
 * Lettuce reconnects by itself and replays commands it had not completed.
 *
 * <p>Standalone and Sentinel ({@link RedisClient}) and Redis Cluster ({@link RedisClusterClient}:
 * the stream is one key, on one shard) are supported; static master/replica setups are not.
 */
final class LettuceStreamLink implements StreamLink {

    /** The one field of each entry. */
    private static final byte[] FIELD = {'b'};
    private static final String NO_ENTRY = "0-0";

    private final Supplier<? extends AbstractRedisClient> client;
    private final byte[] key;
    private final BusSettings settings;
    private volatile StatefulConnection<byte[], byte[]> writer;
    private volatile StatefulConnection<byte[], byte[]> reader;
    private volatile RedisStreamAsyncCommands<byte[], byte[]> write;
    private volatile RedisStreamAsyncCommands<byte[], byte[]> read;

    LettuceStreamLink(Supplier<? extends AbstractRedisClient> client, BusSettings settings) {
        this.client = client;
        this.key = settings.stream().getBytes(StandardCharsets.UTF_8);
        this.settings = settings;
    }

    @Override
    public void connect() {
        AbstractRedisClient c = client.get();
        StatefulConnection<byte[], byte[]> w = open(c);
        StatefulConnection<byte[], byte[]> r;
        try {
            r = open(c);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        r.setTimeout(settings.readTimeout());
        write = commands(w);
        read = commands(r);
        writer = w;
        reader = r;
    }

    private static StatefulConnection<byte[], byte[]> open(AbstractRedisClient client) {
        return switch (client) {
            case RedisClient c -> c.connect(ByteArrayCodec.INSTANCE);
            case RedisClusterClient c -> c.connect(ByteArrayCodec.INSTANCE);
            default -> throw new IllegalStateException("unsupported Redis client " + client.getClass().getName());
        };
    }

    private static RedisStreamAsyncCommands<byte[], byte[]> commands(StatefulConnection<byte[], byte[]> connection) {
        return switch (connection) {
            case StatefulRedisConnection<byte[], byte[]> c -> c.async();
            case StatefulRedisClusterConnection<byte[], byte[]> c -> c.async();
            default -> throw new IllegalStateException("unsupported connection " + connection.getClass().getName());
        };
    }

    @Override
    public boolean isOpen() {
        StatefulConnection<byte[], byte[]> w = writer;
        StatefulConnection<byte[], byte[]> r = reader;
        return w != null && r != null && w.isOpen() && r.isOpen();
    }

    @Override
    public CompletionStage<String> add(byte[] body) {
        return write.xadd(key, XAddArgs.Builder.maxlen(settings.maxLength()).approximateTrimming(), FIELD, body);
    }

    @Override
    public CompletionStage<List<Entry>> readAfter(String id) {
        XReadArgs args = XReadArgs.Builder.block(settings.pollTimeout()).count(settings.readCount());
        return read.xread(args, XReadArgs.StreamOffset.from(key, id)).thenApply(LettuceStreamLink::entries);
    }

    @Override
    public CompletionStage<String> lastId() {
        return write.xrevrange(key, Range.unbounded(), Limit.from(1))
                .thenApply(last -> last == null || last.isEmpty() ? NO_ENTRY : last.get(0).getId());
    }

    private static List<Entry> entries(List<StreamMessage<byte[], byte[]>> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<byte[], byte[]> m : messages) {
            Map<byte[], byte[]> body = m.getBody();
            // byte[] keys compare by identity: take the only value
            byte[] value = body == null || body.size() != 1 ? null : body.values().iterator().next();
            entries.add(new Entry(m.getId(), value));
        }
        return entries;
    }

    @Override
    public void close() {
        StatefulConnection<byte[], byte[]> w = writer;
        StatefulConnection<byte[], byte[]> r = reader;
        if (r != null) {
            r.closeAsync();
        }
        if (w != null) {
            w.closeAsync();
        }
    }

    @Override
    public String toString() {
        return "LettuceStreamLink[" + settings.stream() + (isOpen() ? ", open]" : ", not open]");
    }
}
