package dev.ws.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NicknamesTest {

    @Test
    void acceptsRoomNamesThatNeedNoEscaping() {
        assertThat(Nicknames.isValidRoom("lobby")).isTrue();
        assertThat(Nicknames.isValidRoom("team-7_a.b")).isTrue();
        assertThat(Nicknames.isValidRoom("r".repeat(32))).isTrue();
        assertThat(Nicknames.isValidRoom("")).isFalse();
        assertThat(Nicknames.isValidRoom(null)).isFalse();
        assertThat(Nicknames.isValidRoom("r".repeat(33))).isFalse();
        assertThat(Nicknames.isValidRoom("caf%C3%A9")).isFalse();
        assertThat(Nicknames.isValidRoom("a b")).isFalse();
    }

    @Test
    void cleansWhiteSpaceAndControlCharacters() {
        assertThat(Nicknames.clean("  ann\u0000\u0007 lee\n", "x")).isEqualTo("ann lee");
        assertThat(Nicknames.clean(" \t ", "7")).isEqualTo("guest-7");
        assertThat(Nicknames.clean(null, "7")).isEqualTo("guest-7");
    }

    @Test
    void cutsLongNamesOnACodePointBoundary() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String name = Nicknames.clean("a".repeat(23) + emoji + "tail", "x");
        assertThat(name).isEqualTo("a".repeat(23) + emoji);
        assertThat(name.codePointCount(0, name.length())).isEqualTo(Nicknames.MAX_NAME_LENGTH);
    }

    @Test
    void numbersTakenNamesIgnoringCase() {
        assertThat(Nicknames.unique("ann", Set.of())).isEqualTo("ann");
        assertThat(Nicknames.unique("ann", Set.of("Ann"))).isEqualTo("ann (2)");
        assertThat(Nicknames.unique("ann", Set.of("ann", "ann (2)"))).isEqualTo("ann (3)");
    }
}
