package dev.ws.sample.chat;

/**
 * What a client sends to its room, as JSON: {@code {"text":"hello"}}. The nickname is the
 * session's (chosen when it joined), so a client cannot speak for someone else.
 *
 * @param text the message; trimmed, and refused when blank or longer than
 *             {@link ChatHandler#MAX_TEXT_LENGTH} characters
 */
public record ChatMessage(String text) {
}
