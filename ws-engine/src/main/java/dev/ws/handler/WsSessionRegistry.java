package dev.ws.handler;

import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of the annotated endpoints, by endpoint (path template), by group and by
 * user, for broadcast. A group is any name the application chooses (a chat room, a topic); a
 * session joins and leaves groups while it is open and leaves all of them when it closes. A
 * session belongs to the user whose {@link java.security.Principal} a handshake interceptor
 * stored under {@link HandshakeInfo#PRINCIPAL_ATTRIBUTE} (by its name, as it was at registration).
 *
 * <p>Broadcasts encode the message once into a {@link PreparedMessage} and hand the same frame
 * bytes to every session; each session queues them under its own backpressure rules, so one slow
 * peer neither blocks nor fails the others (its send is refused, see
 * {@link dev.ws.server.SlowConsumerPolicy}). Delivery is asynchronous: the methods return once the
 * frame is queued everywhere.
 *
 * <p>Across nodes: every send ({@link #send}, {@link #broadcast}, {@link #sendToGroup},
 * {@link #sendToUser}, {@link #broadcastAll}) is delivered to this node's sessions at once and
 * published once on the {@link BroadcastBus}; every other node delivers it to its own matching
 * sessions, encoding the frame once. Local delivery never waits for the bus, so it goes on while
 * the bus is down. Without a bus the registry is a lone node ({@link InMemoryBroadcastBus}).
 * {@link #sendLocally} skips the bus, for what concerns this node only.
 * The excepted session of {@link #sendToGroup(String, Object, WebSocketSession)} lives on this
 * node only, so the exception applies here.
 *
 * <p>{@link AnnotatedEndpoint} registers its sessions before {@link OnOpen} and unregisters them
 * after {@link OnClose}; code with a raw {@link dev.ws.server.WebSocketHandler} may call
 * {@link #register} and {@link #unregister} itself. Thread-safe; lookups and broadcasts never lock.
 */
public final class WsSessionRegistry {

    private final MessageCodec codec;
    private final BroadcastBus bus;
    private final Map<String, WebSocketSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> byRoute = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();
    private final Map<WebSocketSession, String> userOf = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> groups = new ConcurrentHashMap<>();
    private final Map<WebSocketSession, Set<String>> memberships = new ConcurrentHashMap<>();

    /** A lone node that broadcasts strings, bytes and prepared messages only. */
    public WsSessionRegistry() {
        this(null);
    }

    /** A lone node that also encodes other objects with the codec (nullable). */
    public WsSessionRegistry(MessageCodec codec) {
        this(codec, new InMemoryBroadcastBus());
    }

    /**
     * A node of a cluster: sends also go to the other nodes over the bus, and what they send
     * arrives here. The registry subscribes to the bus now; it does not close it.
     *
     * @param codec encodes objects other than strings, bytes and prepared messages (nullable)
     * @throws IllegalStateException when the bus has a receiver already
     */
    public WsSessionRegistry(MessageCodec codec, BroadcastBus bus) {
        this.codec = codec;
        this.bus = Objects.requireNonNull(bus, "bus");
        bus.subscribe(this::deliver);
    }

    /** The bus this registry publishes on. */
    public BroadcastBus bus() {
        return bus;
    }

    /** Adds an open session under its route. Idempotent. */
    public void register(WebSocketSession session) {
        if (byId.putIfAbsent(session.id(), session) == null) {
            byRoute.computeIfAbsent(session.route(), r -> ConcurrentHashMap.newKeySet()).add(session);
            Principal principal = SessionHandshakeInfo.principalOf(session);
            if (principal != null && principal.getName() != null) {
                userOf.put(session, principal.getName());
                byUser.compute(principal.getName(), (u, sessions) -> add(sessions, session));
            }
        }
    }

    /** Removes a session from its route and from every group it joined. Idempotent. */
    public void unregister(WebSocketSession session) {
        if (byId.remove(session.id(), session)) {
            Set<WebSocketSession> peers = byRoute.get(session.route());
            if (peers != null) {
                peers.remove(session);
            }
            String user = userOf.remove(session);
            if (user != null) {
                byUser.computeIfPresent(user, (u, sessions) -> {
                    sessions.remove(session);
                    return sessions.isEmpty() ? null : sessions;
                });
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

    /** The sessions of one user on this node (a live, unmodifiable view; empty when none). */
    public Set<WebSocketSession> userSessions(String user) {
        Set<WebSocketSession> s = byUser.get(user);
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
     * Sends a message to the target's sessions on every node, encoded once per node (see
     * {@link #prepare}): to this node's at once, to the others over the bus.
     *
     * @param except a session of this node that does not get it (typically the sender), or null
     * @return how many sessions of this node queued it, and the bus's hand-over
     * @throws IllegalStateException when an object needs a codec and this registry has none
     */
    public BroadcastResult send(BroadcastTarget target, Object message, WebSocketSession except) {
        PreparedMessage prepared = prepare(message);
        // publish first: the remote hop is the longer one; the bus never blocks
        CompletionStage<Void> published;
        try {
            published = bus.publish(new Broadcast(target, prepared));
        } catch (RuntimeException e) { // a bus must fail its stage, not throw; local delivery goes on regardless
            published = CompletableFuture.failedFuture(e);
        }
        return new BroadcastResult(sendAll(local(target), prepared, except), published);
    }

    /**
     * Sends a message to the target's sessions of this node only, not over the bus: for what is
     * about this node (its own server statistics, say), or what each node sends for itself.
     *
     * @return how many sessions of this node queued it
     */
    public int sendLocally(BroadcastTarget target, Object message, WebSocketSession except) {
        return sendAll(local(target), prepare(message), except);
    }

    /**
     * Sends a message to every session of an endpoint on every node, encoded once per node.
     *
     * @return the number of sessions of this node it was queued for: open ones below their
     *         outbound high watermark (a slow session's send is refused under its slow-consumer policy)
     */
    public int broadcast(String route, Object message) {
        return send(BroadcastTarget.route(route), message, null).localSessions();
    }

    /** Sends a message to every member of a group on every node; returns how many here queued it. */
    public int sendToGroup(String group, Object message) {
        return send(BroadcastTarget.group(group), message, null).localSessions();
    }

    /** Sends to every member of a group on every node but one session of this node (typically the sender). */
    public int sendToGroup(String group, Object message, WebSocketSession except) {
        return send(BroadcastTarget.group(group), message, except).localSessions();
    }

    /** Sends to every session of a user (principal name) on every node; returns how many here queued it. */
    public int sendToUser(String user, Object message) {
        return send(BroadcastTarget.user(user), message, null).localSessions();
    }

    /** Sends to every registered session on every node; returns how many here queued it. */
    public int broadcastAll(Object message) {
        return send(BroadcastTarget.all(), message, null).localSessions();
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

    /** What another node broadcast: to this node's matching sessions, frame shared. */
    private void deliver(Broadcast broadcast) {
        sendAll(local(broadcast.target()), broadcast.message(), null);
    }

    private Collection<WebSocketSession> local(BroadcastTarget target) {
        return switch (target.kind()) {
            case ALL -> byId.values();
            case ROUTE -> sessions(target.name());
            case GROUP -> members(target.name());
            case USER -> userSessions(target.name());
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
                + groups.size() + " groups, " + byUser.size() + " users, " + bus + "]";
    }
}
