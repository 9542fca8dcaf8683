package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link HandshakeInfo} as a handler parameter: query parameters are looked up by their decoded
 * name and come back decoded ("" for a name without '=', null when absent or without a query), and
 * everything else is what the session kept, the principal only when an interceptor stored one.
 */
class HandshakeInfoTest {

    @Test
    void queryParametersAreDecodedFirstValueWins() {
        HandshakeInfo info = new SessionHandshakeInfo(new FakeSession("/q", Map.of(), "a=1&flag&na%6De=x%2By&a=2&e="));
        assertThat(info.queryParam("a")).isEqualTo("1");
        assertThat(info.queryParam("flag")).as("present without a value").isEmpty();
        assertThat(info.queryParam("name")).as("name decoded too").isEqualTo("x+y");
        assertThat(info.queryParam("e")).isEmpty();
        assertThat(info.queryParam("missing")).isNull();
        assertThat(new SessionHandshakeInfo(new FakeSession("/q")).queryParam("a")).as("no query").isNull();
    }

    @Test
    void readsWhatTheSessionKeptAndThePrincipalOnlyWhenOneWasStored() {
        FakeSession s = new FakeSession("/rooms/{room}", Map.of("room", "lobby"), "x=1");
        HandshakeInfo info = new SessionHandshakeInfo(s);
        assertThat(info.uri()).isEqualTo("/rooms/{room}?x=1");
        assertThat(info.path()).isEqualTo("/rooms/{room}");
        assertThat(info.query()).isEqualTo("x=1");
        assertThat(info.route()).isEqualTo("/rooms/{room}");
        assertThat(info.pathParams()).containsEntry("room", "lobby");
        assertThat(info.header("Origin")).isNull();
        assertThat(info.headers()).isEmpty();
        assertThat(info.subprotocol()).isNull();
        assertThat(info.remoteAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 40000));
        assertThat(info.principal()).isNull();

        s.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, "not a principal");
        assertThat(info.principal()).isNull();
        Principal ann = () -> "ann";
        info.attributes().put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, ann);
        assertThat(info.principal()).isSameAs(ann);
        assertThat(s.attributes()).as("the session's own map").containsEntry(HandshakeInfo.PRINCIPAL_ATTRIBUTE, ann);
    }
}
