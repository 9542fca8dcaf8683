package dev.ws.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.TestClient;
import dev.ws.server.WebSocketServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** wss from a Spring Boot SSL bundle ({@code ws.server.ssl.bundle}), checked with a real TLS client. */
class WsServerTlsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, SslAutoConfiguration.class))
            .withUserConfiguration(TestHandlers.EchoConfig.class)
            .withPropertyValues("ws.server.port=0", "ws.server.event-loops=1", "ws.server.ssl.bundle=ws",
                    "spring.ssl.bundle.jks.ws.keystore.location=classpath:ws-test.p12",
                    "spring.ssl.bundle.jks.ws.keystore.password=changeit",
                    "spring.ssl.bundle.jks.ws.keystore.type=PKCS12");

    @Test
    void servesWssWithTheBundlesCertificate() {
        runner.run(ctx -> {
            int port = ctx.getBean(WebSocketServer.class).port();
            TestClient listener = new TestClient();
            WebSocket ws = HttpClient.newBuilder().sslContext(trusting()).build().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("wss://localhost:" + port + "/echo"), listener).get(10, TimeUnit.SECONDS);
            ws.sendText("over tls", true).join();
            assertThat(listener.next()).isEqualTo("over tls");
            ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            assertThat(listener.awaitClose()).isEqualTo(1000);
        });
    }

    @Test
    void plainClientsCannotTalkToTheTlsPort() {
        runner.run(ctx -> {
            int port = ctx.getBean(WebSocketServer.class).port();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestClient.connect(port, "/echo"))
                    .isInstanceOf(Exception.class);
        });
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = WsServerTlsTest.class.getResourceAsStream("/ws-test.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
