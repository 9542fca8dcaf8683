package dev.ws.sample.chat;

import dev.ws.PolicyViolationException;
import dev.ws.handler.DecodeException;
import dev.ws.handler.HandshakeInfo;
import dev.ws.handler.OnClose;
import dev.ws.handler.OnError;
import dev.ws.handler.OnMessage;
import dev.ws.handler.OnOpen;
import dev.ws.handler.PathParam;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.WebSocketSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Chat rooms at {@code /chat/{room}?name=<nickname>}: every room is a group of the
 * {@link WsSessionRegistry}, and every event goes to the room through it, encoded once.
 *
 * <p>Per session: {@code welcome} (only to it, always its first message), then the room's
 * {@code join}, {@code leave} and {@code message} events, and {@code error} replies to its own
 * refused messages (see {@link ChatEvent}). The nickname is kept in the session's attributes and
 * made unique in the room by appending {@code (2)}, {@code (3)}, …; a room name that is not 1-32
 * of {@code [A-Za-z0-9._-]} is closed with 1008. Bad JSON gets an {@code error} reply and leaves the
 * session open.
 *
 * <p>Join and leave hold one lock while they pick the nickname, change the group and send their
 * event, so every member sees joins and leaves in the same order with member lists that agree.
 * Messages take no lock. One instance serves every session; its callbacks run on the engine's
 * handler threads (virtual threads by default).
 */
@WsHandler("/chat/{room}")
public class ChatHandler {

    /** Prefix of the registry groups that are chat rooms: {@code chat:lobby}. */
    public static final String GROUP_PREFIX = "chat:";

    /** Longest message text, in characters (UTF-16 units); longer ones are refused with an error event. */
    public static final int MAX_TEXT_LENGTH = 2000;

    /** Session attribute holding the session's nickname in its room. */
    static final String NAME = "chat.name";

    private final ReentrantLock membership = new ReentrantLock();

    @OnOpen
    void join(WebSocketSession session, HandshakeInfo handshake, @PathParam("room") String room,
            WsSessionRegistry registry) throws PolicyViolationException {
        if (!Nicknames.isValidRoom(room)) {
            throw new PolicyViolationException("room names are 1-32 letters, digits, '.', '_' or '-'");
        }
        String group = GROUP_PREFIX + room;
        String requested = handshake.queryParam("name");
        membership.lock();
        try {
            List<String> members = new ArrayList<>(names(registry, group));
            String name = Nicknames.unique(Nicknames.clean(requested, session.id()), new HashSet<>(members));
            session.attributes().put(NAME, name);
            members.add(name);
            members.sort(String.CASE_INSENSITIVE_ORDER);
            // queued before the session is in the group: nothing of the room can overtake it
            session.send(registry.prepare(ChatEvent.welcome(room, name, List.copyOf(members))));
            if (registry.join(session, group)) {
                registry.sendToGroup(group, ChatEvent.join(room, name, names(registry, group)), session);
            }
        } finally {
            membership.unlock();
        }
    }

    @OnMessage
    ChatEvent message(ChatMessage message, WebSocketSession session, @PathParam("room") String room,
            WsSessionRegistry registry) {
        String text = message.text() == null ? "" : message.text().strip();
        if (text.isEmpty()) {
            return ChatEvent.error(room, "empty message: send {\"text\": \"...\"}");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return ChatEvent.error(room, "message of " + text.length() + " characters exceeds " + MAX_TEXT_LENGTH);
        }
        registry.sendToGroup(GROUP_PREFIX + room, ChatEvent.message(room, nameOf(session), text));
        return null;
    }

    @OnError
    ChatEvent unreadable(DecodeException e, @PathParam("room") String room) {
        return ChatEvent.error(room, "not a chat message: send {\"text\": \"...\"}");
    }

    @OnClose
    void leave(WebSocketSession session, @PathParam("room") String room, WsSessionRegistry registry) {
        String name = nameOf(session);
        if (name == null) {
            return; // refused in join: it never was in the room
        }
        String group = GROUP_PREFIX + room;
        membership.lock();
        try {
            if (!registry.groups(session).contains(group)) {
                return; // closed before it joined: no one was told it came
            }
            registry.leave(session, group);
            registry.sendToGroup(group, ChatEvent.leave(room, name, names(registry, group)));
        } finally {
            membership.unlock();
        }
    }

    /** The nicknames in a room, sorted case-insensitively. */
    static List<String> names(WsSessionRegistry registry, String group) {
        return registry.members(group).stream().map(ChatHandler::nameOf).filter(Objects::nonNull)
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static String nameOf(WebSocketSession session) {
        return (String) session.attributes().get(NAME);
    }
}
