package dev.ws.sample.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the server sends to the sessions of a room, as JSON; absent fields are left out.
 *
 * <ul>
 *   <li>{@code welcome} — to a newcomer only: {@code room}, {@code user} (its nickname, made
 *       unique in the room), {@code members};</li>
 *   <li>{@code join}, {@code leave} — to the others: {@code user}, {@code members} after the change;</li>
 *   <li>{@code message} — to everyone in the room, the sender included: {@code user}, {@code text};</li>
 *   <li>{@code error} — to the sender of a message the room refused: {@code text} says why.</li>
 * </ul>
 *
 * @param type    one of the kinds above
 * @param room    the room's name
 * @param user    the nickname the event is about
 * @param text    a message's text, or an error's explanation
 * @param members the room's nicknames, sorted, after a welcome, join or leave
 * @param time    when the server made the event, epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, String room, String user, String text, List<String> members, long time) {

    static ChatEvent welcome(String room, String user, List<String> members) {
        return new ChatEvent("welcome", room, user, null, members, now());
    }

    static ChatEvent join(String room, String user, List<String> members) {
        return new ChatEvent("join", room, user, null, members, now());
    }

    static ChatEvent leave(String room, String user, List<String> members) {
        return new ChatEvent("leave", room, user, null, members, now());
    }

    static ChatEvent message(String room, String user, String text) {
        return new ChatEvent("message", room, user, text, null, now());
    }

    static ChatEvent error(String room, String text) {
        return new ChatEvent("error", room, null, text, null, now());
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
