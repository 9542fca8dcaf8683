package dev.ws.sample.chat;

import java.util.Set;
import java.util.regex.Pattern;

/** Rules for room names and nicknames: what the chat accepts, and how a taken nickname is made unique. */
final class Nicknames {

    /** Longest nickname kept, in characters; longer ones are cut. */
    static final int MAX_NAME_LENGTH = 24;

    /** Room names: 1-32 ASCII letters, digits, '-', '_' or '.', so a path segment needs no escaping. */
    static final Pattern ROOM = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private static final Pattern CONTROL_OR_SPACE_RUN = Pattern.compile("[\\p{Cntrl}\\s]+");

    private Nicknames() {
    }

    static boolean isValidRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    /**
     * The nickname a client asked for, cleaned: control characters and runs of white space become
     * one space, the ends are trimmed, and it is cut to {@link #MAX_NAME_LENGTH} characters (on a
     * code point boundary). Blank or absent: {@code guest-<fallbackSuffix>}.
     */
    static String clean(String requested, String fallbackSuffix) {
        String name = requested == null ? "" : CONTROL_OR_SPACE_RUN.matcher(requested).replaceAll(" ").strip();
        if (name.isEmpty()) {
            return "guest-" + fallbackSuffix;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
        }
        return name;
    }

    /** {@code name} when no one in the room has it (ignoring case), else {@code name (2)}, {@code name (3)}, … */
    static String unique(String name, Set<String> taken) {
        if (!containsIgnoreCase(taken, name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String candidate = name + " (" + n + ")";
            if (!containsIgnoreCase(taken, candidate)) {
                return candidate;
            }
        }
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
