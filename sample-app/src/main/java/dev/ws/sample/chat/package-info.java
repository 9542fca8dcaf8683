/**
 * Multi-room chat over JSON at {@code /chat/{room}?name=...}: nicknames, join and leave notices
 * with the member list, messages broadcast to the room through the
 * {@link dev.ws.handler.WsSessionRegistry} (one group per room). No persistence: a room exists while
 * it has members, and history is what each client saw.
 */
package dev.ws.sample.chat;
