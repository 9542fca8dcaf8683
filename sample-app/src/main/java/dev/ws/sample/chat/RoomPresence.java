package dev.ws.sample.chat;

import java.util.List;

/**
 * Who is in which room, and which nicknames are taken there: {@link LocalPresence} knows this
 * instance's members; {@link RedisPresence} (with {@code ws.cluster.enabled=true}) those of every
 * instance, so that member lists and unique nicknames hold across a cluster. {@link ChatHandler}
 * calls it under its membership lock; the methods may block briefly (Redis) and never throw.
 */
public interface RoomPresence {

    /**
     * Takes a nickname in the room: {@code name} when no member has it (ignoring case), else
     * {@code name (2)}, {@code name (3)}, …
     *
     * @return the nickname taken, now one of {@link #members}
     */
    String claim(String room, String name);

    /** Gives a nickname taken with {@link #claim} back. */
    void release(String room, String name);

    /** The room's nicknames, sorted case-insensitively. */
    List<String> members(String room);
}
