package dev.ws.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    private static boolean containsInBytes(String value, String token) {
        byte[] b = ("##" + value + "##").getBytes(StandardCharsets.ISO_8859_1);
        return HeaderValues.containsToken(b, 2, b.length - 2, token);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Upgrade|upgrade|true",
            "keep-alive, Upgrade|upgrade|true",
            "keep-alive,Upgrade|UPGRADE|true",
            "  upgrade \t|upgrade|true",
            ",,upgrade,,|upgrade|true",
            "Upgrade, keep-alive|upgrade|true",
            "upgraded|upgrade|false",
            "x-upgrade|upgrade|false",
            "up grade|upgrade|false",
            "keep-alive|upgrade|false",
            "''|upgrade|false",
            "websocket/13|websocket|false",
            "h2c, WebSocket|websocket|true"})
    void findsTokensInCommaListsIgnoringCase(String value, String token, boolean expected) {
        assertThat(HeaderValues.containsToken(value, token)).as(value).isEqualTo(expected);
        assertThat(containsInBytes(value, token)).as(value).isEqualTo(expected);
    }

    @Test
    void tokenListsAllowEmptyElementsButNothingElse() {
        for (String ok : List.of("", "chat", "chat, superchat", " a ,, b ,", "v1.chat.example.com", "a\t,\tb")) {
            byte[] b = ok.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(HeaderValues.isTokenList(b, 0, b.length)).as(ok).isTrue();
        }
        for (String bad : List.of("a b", "\"chat\"", "a;b", "a, b/c", "a=b", "caf\u00e9")) {
            byte[] b = bad.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(HeaderValues.isTokenList(b, 0, b.length)).as(bad).isFalse();
        }
    }

    @Test
    void tokensKeepOrderAndReportMalformedElements() {
        List<String> out = new ArrayList<>();
        assertThat(HeaderValues.tokens("chat, , superchat ,x", out)).isTrue();
        assertThat(out).containsExactly("chat", "superchat", "x");
        out.clear();
        assertThat(HeaderValues.tokens("a, b c, d", out)).isFalse();
        assertThat(out).containsExactly("a", "d");
        assertThat(HeaderValues.tokens("")).isEmpty();
    }

    @Test
    void charClasses() {
        assertThat(HttpChars.isToken("permessage-deflate")).isTrue();
        assertThat(HttpChars.isToken("!#$%&'*+-.^_`|~09AZaz")).isTrue();
        for (char c : "()<>@,;:\\\"/[]?={} \t\u0000\u007f\u00e9".toCharArray()) {
            assertThat(HttpChars.isTokenChar(c)).as("U+%04x", (int) c).isFalse();
        }
        assertThat(HttpChars.isFieldValue("a b\t\u00ff~")).isTrue();
        assertThat(HttpChars.isFieldValue("a\rb")).isFalse();
        assertThat(HttpChars.isFieldValue("\u0100")).isFalse();
        assertThat(HttpChars.isFieldValueChar(-1)).isFalse();
        assertThat(HttpChars.equalsIgnoreCase("Sec-WebSocket-Key", "sec-websocket-KEY")).isTrue();
        assertThat(HttpChars.equalsIgnoreCase("a", "ab")).isFalse();
    }
}
