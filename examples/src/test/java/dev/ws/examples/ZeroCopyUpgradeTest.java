package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ZeroCopyUpgrade}: host check, cookie scan, rejections and the before-upgrade header. */
class ZeroCopyUpgradeTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        var upgrader = ZeroCopyUpgrade.upgrader(List.of("localhost", "127.0.0.1"), Set.of("s1", "s2"));
        server = RunningServer.start(listener -> ZeroCopyUpgrade.serve(listener, upgrader));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void upgradesAKnownSessionAndGreetsIt() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/"), "Cookie", "theme=dark; session=\"s2\"")) {
            assertThat(client.nextText()).isEqualTo("hello, session s2");
            client.sendText("echo");
            assertThat(client.nextText()).isEqualTo("echo");
            assertThat(client.closeWith(CloseCodes.NORMAL_CLOSURE)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void addsTheBeforeUpgradeHeaderToThe101() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/", "Cookie", "session=s1")) {
            assertThat(client.status).isEqualTo(101);
            assertThat(client.headers).containsEntry("x-java-version", Runtime.version().toString());
            assertThat(client.receive().text()).isEqualTo("hello, session s1");
        }
    }

    @Test
    void refusesAnUnknownSessionWith400BadCookie() throws Exception {
        assertThat(JdkClient.refusal(server.uri("/"), "Cookie", "session=forged")).isEqualTo(400);
    }

    @Test
    void refusesARequestWithoutASessionWith403() throws Exception {
        assertThat(JdkClient.refusal(server.uri("/"))).isEqualTo(403);
        assertThat(JdkClient.refusal(server.uri("/"), "Cookie", "theme=dark")).isEqualTo(403);
    }

    @Test
    void refusesAnotherHostWith403AndNamesTheWantedOne() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/", "Host", "example.com:80",
                "Cookie", "session=s1")) {
            assertThat(client.status).isEqualTo(403);
            assertThat(client.headers).containsEntry("x-want-host", "localhost");
            assertThat(client.serverClosedTcp()).isTrue();
        }
    }

    @Test
    void matchesHostNamesWithOrWithoutAPortIgnoringCase() {
        assertThat(ZeroCopyUpgrade.isHost("LocalHost:8080", "localhost")).isTrue();
        assertThat(ZeroCopyUpgrade.isHost("localhost", "localhost")).isTrue();
        assertThat(ZeroCopyUpgrade.isHost("localhost.evil", "localhost")).isFalse();
        assertThat(ZeroCopyUpgrade.isHost("local", "localhost")).isFalse();
    }
}
