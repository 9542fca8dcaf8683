package dev.ws.handler;

import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of the annotated endpoints, by endpoint (path template) and by group, for
 * broadcast. A group is any name the application chooses (a chat room, a user id, a topic); a
 * session joins and leaves groups while it is open and leaves all of them when it closes.
 *
 * <p>Broadcasts encode the message once into a {@link PreparedMessage} and hand the same frame
 * bytes to every session; each session queues them under its own backpressure rules, so one slow
 * peer neither blocks nor fails the others (its send is refused, see
 * {@link dev.ws.server.SlowConsumerPolicy}). Delivery is asynchronous: the methods return once the
 * frame is queued everywhere.
 *
 * <p>{@link AnnotatedEndpoint} registers its sessions before {@link OnOpen} and unregisters them
 * after {@link OnClose}; code with a raw {@link dev.ws.server.WebSocketHandler} may call
 * {@link #register} and {@link #unregister} itself. Thread-safe; lookups and broadcasts never lock.
 */
public final class WsSessionRegistry {

    private final MessageCodec codec;
    private final Map<String, WebSocketSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> byRoute = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> groups = new ConcurrentHashMap<>();
    private final Map<WebSocketSession, Set<String>> memberships = new ConcurrentHashMap<>();

    /** A registry that broadcasts strings, bytes and prepared messages only. */
    public WsSessionRegistry() {
        this(null);
    }

    /** A registry that also encodes other objects with the codec (nullable). */
    public WsSessionRegistry(MessageCodec codec) {
        this.codec = codec;
    }

    /** Adds an open session under its route. Idempotent. */
    public void register(WebSocketSession session) {
        if (byId.putIfAbsent(session.id(), session) == null) {
            byRoute.computeIfAbsent(session.route(), r -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    /** Removes a session from its route and from every group it joined. Idempotent. */
    public void unregister(WebSocketSession session) {
        if (byId.remove(session.id(), session)) {
            Set<WebSocketSession> peers = byRoute.get(session.route());
            if (peers != null) {
                peers.remove(session);
            }
        }
        // after the removal from byId, so that a concurrent join either sees it gone or is seen here
        Set<String> joined = memberships.remove(session);
        if (joined != null) {
            for (String group : joined) {
                removeFromGroup(group, session);
            }
        }
    }

    /** The session with this id, or null when it is not open (or not registered). */
    public WebSocketSession session(String id) {
        return byId.get(id);
    }

    /** Every registered session (a live, unmodifiable view). */
    public Collection<WebSocketSession> sessions() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** The sessions of one endpoint, by path template such as {@code /chat/{room}} (a live view). */
    public Set<WebSocketSession> sessions(String route) {
        Set<WebSocketSession> s = byRoute.get(route);
        return s == null ? Set.of() : Collections.unmodifiableSet(s);
    }

    /** How many sessions are registered. */
    public int count() {
        return byId.size();
    }

    /** How many sessions an endpoint has. */
    public int count(String route) {
        Set<WebSocketSession> s = byRoute.get(route);
        return s == null ? 0 : s.size();
    }

    /**
     * Adds a registered session to a group.
     *
     * @return false when the session is not registered (not open, or closed meanwhile)
     */
    public boolean join(WebSocketSession session, String group) {
        if (!byId.containsKey(session.id())) {
            return false;
        }
        // compute, not computeIfAbsent + add: a concurrent leave may drop an emptied set in between
        memberships.compute(session, (s, joined) -> add(joined, group));
        groups.compute(group, (g, members) -> add(members, session));
        if (!byId.containsKey(session.id())) { // unregistered meanwhile: undo, nothing may linger
            leave(session, group);
            return false;
        }
        return true;
    }

    /** Removes a session from a group; an empty group is forgotten. */
    public void leave(WebSocketSession session, String group) {
        memberships.computeIfPresent(session, (s, joined) -> {
            joined.remove(group);
            return joined.isEmpty() ? null : joined;
        });
        removeFromGroup(group, session);
    }

    /** The groups a session is in (a snapshot). */
    public Set<String> groups(WebSocketSession session) {
        Set<String> joined = memberships.get(session);
        return joined == null ? Set.of() : Set.copyOf(joined);
    }

    /** The sessions of a group (a live, unmodifiable view; empty when the group has none). */
    public Set<WebSocketSession> members(String group) {
        Set<WebSocketSession> s = groups.get(group);
        return s == null ? Set.of() : Collections.unmodifiableSet(s);
    }

    /** The names of the groups that have members (a snapshot). */
    public Set<String> groupNames() {
        return Set.copyOf(groups.keySet());
    }

    /**
     * Sends a message to every session of an endpoint, encoded once (see {@link #prepare}).
     *
     * @return the number of sessions it was queued for: open ones below their outbound high watermark
     *         (a slow session's send is refused under its slow-consumer policy)
     */
    public int broadcast(String route, Object message) {
        return sendAll(sessions(route), prepare(message), null);
    }

    /** Sends a message to every member of a group, encoded once; returns how many queued it. */
    public int sendToGroup(String group, Object message) {
        return sendAll(members(group), prepare(message), null);
    }

    /** Sends to every member of a group but one (typically the sender); returns how many queued it. */
    public int sendToGroup(String group, Object message, WebSocketSession except) {
        return sendAll(members(group), prepare(message), except);
    }

    /** Sends to every registered session, encoded once; returns how many queued it. */
    public int broadcastAll(Object message) {
        return sendAll(byId.values(), prepare(message), null);
    }

    /**
     * Encodes a message once for many sessions: a {@link PreparedMessage} as it is, a
     * {@code CharSequence} as text, {@code byte[]} and {@code ByteBuffer} as binary, anything else
     * as text through the codec.
     *
     * @throws IllegalStateException when an object needs a codec and this registry has none
     */
    public PreparedMessage prepare(Object message) {
        return switch (message) {
            case PreparedMessage p -> p;
            case CharSequence s -> PreparedMessage.text(s.toString());
            case byte[] b -> PreparedMessage.binary(b);
            case ByteBuffer b -> {
                byte[] copy = new byte[b.remaining()];
                b.duplicate().get(copy);
                yield PreparedMessage.binary(copy);
            }
            default -> {
                if (codec == null) {
                    throw new IllegalStateException("no MessageCodec to encode a " + message.getClass().getName());
                }
                try {
                    yield PreparedMessage.text(codec.encode(message));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalArgumentException("cannot encode a " + message.getClass().getName(), e);
                }
            }
        };
    }

    private static int sendAll(Collection<WebSocketSession> targets, PreparedMessage message, WebSocketSession except) {
        int accepted = 0;
        for (WebSocketSession s : targets) {
            if (s == except || !s.isOpen()) {
                continue;
            }
            if (s.isWritable()) {
                accepted++;
            }
            s.send(message); // also when unwritable: the engine applies the slow-consumer policy

        }
        return accepted;
    }

    private static <T> Set<T> add(Set<T> set, T element) {
        Set<T> s = set == null ? ConcurrentHashMap.newKeySet() : set;
        s.add(element);
        return s;
    }

    private void removeFromGroup(String group, WebSocketSession session) {
        groups.computeIfPresent(group, (g, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    @Override
    public String toString() {
        return "WsSessionRegistry[" + byId.size() + " sessions, " + byRoute.size() + " endpoints, "
                + groups.size() + " groups]";
    }
}
