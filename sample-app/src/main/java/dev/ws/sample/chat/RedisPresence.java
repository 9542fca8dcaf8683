package dev.ws.sample.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Room members of every instance, in Redis (the one {@code spring.data.redis.*} points at, as the
 * cluster bus uses): a hash per room, {@code ws-sample:chat:<room>}, from the lower-cased nickname
 * (uniqueness ignores case) to {@code <instance id> <nickname>}, and a key per live instance,
 * {@code ws-sample:instance:<id>}, that expires {@link #INSTANCE_TTL} after its last
 * {@link #heartbeat()}. Members of an instance whose key expired (it crashed) are dropped when a
 * room is read, so a crash leaves stale names for that long at most. {@code HSETNX} makes a
 * nickname unique across instances.
 *
 * <p>Redis failing: this instance's members ({@link LocalPresence}, always kept too) stand in, and
 * Redis is not asked again for {@link #BACKOFF}, so joins do not wait on a dead Redis one timeout
 * per call. When the heartbeat finds Redis back (or finds this instance's key gone: Redis
 * restarted empty), it writes this instance's members again and removes those that left meanwhile.
 *
 * <p>The calls block for a Redis round trip (bounded by {@code spring.data.redis.timeout}, 2 s in
 * {@code application.yml}) on the chat's handler threads, virtual threads by default. Thread-safe.
 */
public final class RedisPresence implements RoomPresence {

    /** How long an instance's members outlive its last heartbeat. */
    public static final Duration INSTANCE_TTL = Duration.ofSeconds(15);
    /** How long Redis is left alone after a failure. */
    public static final Duration BACKOFF = Duration.ofSeconds(5);

    private static final Log LOG = LogFactory.getLog(RedisPresence.class);
    private static final String PREFIX = "ws-sample:";
    /** More would mean a room full of one nickname: give up and take the local answer. */
    private static final int MAX_SUFFIX = 1000;

    private record Member(String room, String name) {
    }

    private final StringRedisTemplate redis;
    private final String instance = UUID.randomUUID().toString();
    private final LocalPresence local = new LocalPresence();
    /** Members that left while Redis failed: removed from it at the next resync. At most the sessions that left. */
    private final Set<Member> leftMeanwhile = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;
    private volatile boolean resync;
    private volatile long retryAtNanos;

    public RedisPresence(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Keeps this instance's key alive, every 5 s (well within {@link #INSTANCE_TTL}); resyncs when needed. */
    @Scheduled(fixedRate = 5000)
    public void heartbeat() {
        redisOr(() -> {
            String key = instanceKey(instance);
            boolean known = Boolean.TRUE.equals(redis.hasKey(key));
            redis.opsForValue().set(key, "1", INSTANCE_TTL);
            if (!known || resync) {
                resync();
            }
            return null;
        }, null);
    }

    /** Forgets this instance at once (the application stops). */
    public void leaveCluster() {
        redisOr(() -> redis.delete(instanceKey(instance)), null);
    }

    @Override
    public String claim(String room, String name) {
        String claimed = redisOr(() -> claimInRedis(room, name), null);
        if (claimed == null) {
            return local.claim(room, name);
        }
        local.claim(room, claimed); // the same name: unique here because it is unique everywhere
        return claimed;
    }

    private String claimInRedis(String room, String name) {
        String key = roomKey(room);
        int takeovers = 0;
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            String candidate = n == 1 ? name : name + " (" + n + ")";
            String field = candidate.toLowerCase(Locale.ROOT);
            if (Boolean.TRUE.equals(redis.opsForHash().putIfAbsent(key, field, instance + " " + candidate))) {
                return candidate;
            }
            Object holder = redis.opsForHash().get(key, field);
            if (holder != null && takeovers < MAX_SUFFIX && !alive(instanceOf(holder.toString()))) {
                redis.opsForHash().delete(key, field); // a crashed instance's member: take the name over
                takeovers++;
                n--;
            }
        }
        return null;
    }

    @Override
    public void release(String room, String name) {
        local.release(room, name);
        Member m = new Member(room, name);
        if (redisOr(() -> releaseInRedis(m), null) == null) {
            leftMeanwhile.add(m);
            resync = true;
        }
    }

    private Boolean releaseInRedis(Member m) {
        String field = m.name().toLowerCase(Locale.ROOT);
        Object holder = redis.opsForHash().get(roomKey(m.room()), field);
        if (holder != null && instanceOf(holder.toString()).equals(instance)) {
            redis.opsForHash().delete(roomKey(m.room()), field);
        }
        return Boolean.TRUE;
    }

    @Override
    public List<String> members(String room) {
        List<String> members = redisOr(() -> membersInRedis(room), null);
        return members == null ? local.members(room) : members;
    }

    private List<String> membersInRedis(String room) {
        Map<Object, Object> entries = redis.opsForHash().entries(roomKey(room));
        Map<String, Boolean> alive = new HashMap<>();
        List<String> names = new ArrayList<>(entries.size());
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            String value = e.getValue().toString();
            if (alive.computeIfAbsent(instanceOf(value), this::alive)) {
                names.add(value.substring(value.indexOf(' ') + 1));
            } else {
                redis.opsForHash().delete(roomKey(room), e.getKey());
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(names);
    }

    /** Writes this instance's members again and removes those that left while Redis failed. */
    private void resync() {
        local.snapshot().forEach((room, names) -> {
            for (String name : names) {
                redis.opsForHash().putIfAbsent(roomKey(room), name.toLowerCase(Locale.ROOT), instance + " " + name);
            }
        });
        for (Member m : leftMeanwhile) {
            releaseInRedis(m);
            leftMeanwhile.remove(m);
        }
        resync = false;
    }

    private boolean alive(String holder) {
        return holder.equals(instance) || Boolean.TRUE.equals(redis.hasKey(instanceKey(holder)));
    }

    private static String instanceOf(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    private static String roomKey(String room) {
        return PREFIX + "chat:" + room;
    }

    private static String instanceKey(String id) {
        return PREFIX + "instance:" + id;
    }

    /** The call's result, or the fallback when Redis fails or failed less than {@link #BACKOFF} ago. */
    private <T> T redisOr(Supplier<T> call, T fallback) {
        if (failing && System.nanoTime() - retryAtNanos < 0) {
            return fallback;
        }
        try {
            T result = call.get();
            if (failing) {
                failing = false;
                LOG.info("chat presence: Redis is back, member lists span the instances again");
            }
            return result;
        } catch (RuntimeException e) {
            retryAtNanos = System.nanoTime() + TimeUnit.NANOSECONDS.convert(BACKOFF);
            resync = true;
            if (!failing) {
                failing = true;
                LOG.warn("chat presence: Redis failed (" + e.getMessage() + "); member lists show this instance's "
                        + "members until it is back");
            }
            return fallback;
        }
    }
}
