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
 *
 * <p>Several instances ({@code ws.cluster.enabled=true}): every event goes to the room on every
 * instance through the registry's cluster bus, and the {@link RoomPresence} is Redis's, so member
 * lists and unique nicknames span the instances. The lock is per instance: joins on two instances
 * at the same moment may reach members in different orders (each event carries the list as its
 * instance saw it).
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
    private final RoomPresence presence;

    /** @param presence who is in which room: this instance's members, or the cluster's */
    public ChatHandler(RoomPresence presence) {
        this.presence = presence;
    }

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
            String name = presence.claim(room, Nicknames.clean(requested, session.id()));
            session.attributes().put(NAME, name);
            // queued before the session is in the group: nothing of the room can overtake it
            session.send(registry.prepare(ChatEvent.welcome(room, name, presence.members(room))));
            if (registry.join(session, group)) {
                registry.sendToGroup(group, ChatEvent.join(room, name, presence.members(room)), session);
            } else {
                presence.release(room, name); // closed meanwhile
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
            presence.release(room, name);
            registry.sendToGroup(group, ChatEvent.leave(room, name, presence.members(room)));
        } finally {
            membership.unlock();
        }
    }

    private static String nameOf(WebSocketSession session) {
        return (String) session.attributes().get(NAME);
    }
}
