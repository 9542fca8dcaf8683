package dev.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Exchange.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The request target of an upgrade (RFC 7230 §5.3): origin-form and absolute-form are both
 * accepted and split into path ("/" when empty) and query; a target that is neither is refused with
 * 400. And what a {@link HandshakeResult} answers before any head was parsed.
 */
class RequestTargetTest {

    private static Response upgrade(String target) {
        return Exchange.run(Upgrader.builder().build(), Exchange.valid().replace("GET /chat ", "GET " + target + " "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "/chat?room=1|/chat|room=1",
            "/|/|NULL",
            "/chat?|/chat|''",
            "ws://server.example.com:80/chat?x=1|/chat|x=1",
            "http://server.example.com|/|NULL",
            "wss://h?x|/|x",
            "a1+b-c.d://h/p|/p|NULL",
            "HTTP://H/UP|/UP|NULL"})
    void originAndAbsoluteFormsSplitIntoPathAndQuery(String target, String path, String query) {
        Response r = upgrade(target);
        assertThat(r.outcome()).as(r.raw()).isEqualTo(Upgrader.UPGRADED);
        HandshakeResult result = r.result();
        assertThat(result.method()).isEqualTo("GET");
        assertThat(result.uri()).isEqualTo(target);
        assertThat(result.path()).isEqualTo(path);
        assertThat(result.query()).isEqualTo(query == null ? null : query.replace("'", ""));
        assertThat(result.toString()).startsWith("HandshakeResult[upgraded " + target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ws://h/p", "ws:/h/p", "ws:x", "ws", "*", "w@s://h/p", "-ws://h/"})
    void aTargetThatIsNeitherFormIsRefusedWith400(String target) {
        Response r = upgrade(target);
        assertThat(r.outcome()).isEqualTo(Upgrader.REJECTED);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.result().toString()).startsWith("HandshakeResult[rejected 400 ");
    }

    @Test
    void aResultBeforeAnyCompleteHeadAnswersNothing() {
        HandshakeResult result = new HandshakeResult();
        assertThat(result.method()).isNull();
        assertThat(result.uri()).isNull();
        assertThat(result.path()).isNull();
        assertThat(result.query()).isNull();
        assertThat(result.header("Host")).isNull();
        assertThat(result.headers()).isEmpty();
        assertThat(result.isUpgraded()).isFalse();
        assertThat(result.toString()).isEqualTo("HandshakeResult[RequestHead[incomplete]]");

        Response partial = Exchange.run(Upgrader.builder().build(), Exchange.bytes("GET /chat HTTP/1.1\r\nHost: x\r\n"),
                result);
        assertThat(partial.outcome()).isEqualTo(Upgrader.NEED_MORE);
        assertThat(result.path()).as("still incomplete").isNull();
    }
}
