package dev.ws.handler;

import java.util.Objects;

/**
 * Whom a broadcast is for, on every node: all sessions, the sessions of one endpoint (by path
 * template), the members of a group (a room), or the sessions of one user (the
 * {@link java.security.Principal} name a handshake interceptor stored, see
 * {@link HandshakeInfo#PRINCIPAL_ATTRIBUTE}). A target names sessions; each node resolves it
 * against its own {@link WsSessionRegistry}, so membership stays local to the node.
 *
 * @param kind what {@code name} names
 * @param name the path template, group or user name; empty for {@link Kind#ALL}
 */
public record BroadcastTarget(Kind kind, String name) {

    /** What a target's name means. The wire code of each kind is its {@link #ordinal()}: append only. */
    public enum Kind {
        /** Every registered session. */
        ALL,
        /** The sessions of one endpoint, by path template ({@code /chat/{room}}). */
        ROUTE,
        /** The members of a group. */
        GROUP,
        /** The sessions whose principal has this name. */
        USER
    }

    private static final BroadcastTarget ALL = new BroadcastTarget(Kind.ALL, "");

    public BroadcastTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.ALL && !name.isEmpty()) {
            throw new IllegalArgumentException("the target ALL has no name, got " + name);
        }
    }

    public static BroadcastTarget all() {
        return ALL;
    }

    public static BroadcastTarget route(String pathTemplate) {
        return new BroadcastTarget(Kind.ROUTE, pathTemplate);
    }

    public static BroadcastTarget group(String group) {
        return new BroadcastTarget(Kind.GROUP, group);
    }

    public static BroadcastTarget user(String user) {
        return new BroadcastTarget(Kind.USER, user);
    }

    @Override
    public String toString() {
        return kind == Kind.ALL ? "all" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
