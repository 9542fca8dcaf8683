package dev.ws.sample.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The members of this instance's rooms, in memory; a room is forgotten with its last member. Thread-safe. */
public final class LocalPresence implements RoomPresence {

    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();

    @Override
    public String claim(String room, String name) {
        String[] taken = new String[1];
        rooms.compute(room, (r, names) -> {
            Set<String> n = names == null ? ConcurrentHashMap.newKeySet() : names;
            taken[0] = Nicknames.unique(name, n);
            n.add(taken[0]);
            return n;
        });
        return taken[0];
    }

    @Override
    public void release(String room, String name) {
        rooms.computeIfPresent(room, (r, names) -> {
            names.remove(name);
            return names.isEmpty() ? null : names;
        });
    }

    /** Every room's members (a copy). */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> copy = new java.util.HashMap<>();
        rooms.forEach((room, names) -> copy.put(room, List.copyOf(names)));
        return copy;
    }

    @Override
    public List<String> members(String room) {
        Set<String> names = rooms.get(room);
        List<String> sorted = names == null ? new ArrayList<>() : new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(sorted);
    }
}
