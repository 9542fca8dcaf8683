package dev.ws.sample.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
 * <p>The calls block for a Redis round trip (bounded by {@code spring.data.redis.timeout}) on the
 * chat's handler threads, virtual threads by default. When Redis fails, this instance's members
 * ({@link LocalPresence}, always kept too) stand in, and a warning is logged once per outage.
 */
public final class RedisPresence implements RoomPresence {

    /** How long an instance's members outlive its last heartbeat. */
    public static final Duration INSTANCE_TTL = Duration.ofSeconds(15);

    private static final Log LOG = LogFactory.getLog(RedisPresence.class);
    private static final String PREFIX = "ws-sample:";
    /** More would mean a room full of one nickname: give up and take the local answer. */
    private static final int MAX_SUFFIX = 1000;

    private final StringRedisTemplate redis;
    private final String instance = UUID.randomUUID().toString();
    private final LocalPresence local = new LocalPresence();
    private volatile boolean failing;

    public RedisPresence(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Keeps this instance's key alive, every 5 s: well within {@link #INSTANCE_TTL}. */
    @Scheduled(fixedRate = 5000)
    public void heartbeat() {
        redisOr(() -> {
            redis.opsForValue().set(instanceKey(instance), "1", INSTANCE_TTL);
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
        heartbeat();
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
        redisOr(() -> {
            String field = name.toLowerCase(Locale.ROOT);
            Object holder = redis.opsForHash().get(roomKey(room), field);
            if (holder != null && instanceOf(holder.toString()).equals(instance)) {
                redis.opsForHash().delete(roomKey(room), field);
            }
            return null;
        }, null);
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
            String holder = instanceOf(value);
            if (alive.computeIfAbsent(holder, this::alive)) {
                names.add(value.substring(value.indexOf(' ') + 1));
            } else {
                redis.opsForHash().delete(roomKey(room), e.getKey());
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(names);
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

    private <T> T redisOr(java.util.function.Supplier<T> call, T fallback) {
        try {
            T result = call.get();
            if (failing) {
                failing = false;
                LOG.info("chat presence: Redis is back, member lists span the cluster again");
            }
            return result;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("chat presence: Redis failed (" + e.getMessage() + "); member lists show this instance only");
            }
            return fallback;
        }
    }
}
