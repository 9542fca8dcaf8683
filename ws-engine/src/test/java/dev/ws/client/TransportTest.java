package dev.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss against our own server with a self-signed certificate, an HTTP CONNECT proxy, and the socket factory hook. */
class TransportTest {

    @TempDir
    static Path dir;
    static TestTls tls;
    static WebSocketServer plain;
    static WebSocketServer secure;

    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession s, String text) {
            s.sendText(text);
        }

        @Override
        public void onBinary(WebSocketSession s, ByteBuffer data) {
            s.sendBinary(data);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.selfSigned(dir);
        plain = WebSocketServer.builder().port(0).eventLoops(1).route("/echo", ECHO).build().start();
        secure = WebSocketServer.builder().port(0).eventLoops(1).tls(tls.server).route("/echo", ECHO).build().start();
    }

    @AfterAll
    static void stop() {
        plain.stop(Duration.ofSeconds(1));
        secure.stop(Duration.ofSeconds(1));
    }

    private static void assertEchoes(ClientConnection c) throws Exception {
        String big = "t".repeat(200_000);
        for (String msg : new String[] {"over the wire", big}) {
            c.sendText(msg);
            assertThat(c.receive()).isEqualTo(new Received.Text(msg));
        }
        c.close();
        assertThat(c.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void echoesOverWssWithSniAndHostNameVerification() throws Exception {
        Dialer dialer = Dialer.builder().sslContext(tls.client).build();
        ClientConnection c = dialer.connect(URI.create("wss://localhost:" + secure.port() + "/echo"));
        assertThat(c.remoteAddress().getPort()).isEqualTo(secure.port());
        assertEchoes(c);
    }

    @Test
    void refusesAnUntrustedCertificate() {
        assertThatThrownBy(() -> Dialer.defaults().connect(URI.create("wss://localhost:" + secure.port() + "/echo")))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void refusesACertificateForAnotherHost() throws Exception {
        TestTls other = TestTls.selfSigned(dir, "other.example", "dns:other.example");
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(1).tls(other.server)
                .route("/echo", ECHO).build().start();
        try {
            Dialer dialer = Dialer.builder().sslContext(other.client).build();
            assertThatThrownBy(() -> dialer.connect(URI.create("wss://localhost:" + server.port() + "/echo")))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("localhost");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void tunnelsWsThroughAConnectProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            Dialer dialer = Dialer.builder().proxy(proxy.address())
                    .proxyHeader("Proxy-Authorization", "Basic dXNlcjpwYXNz").build();
            assertEchoes(dialer.connect(URI.create("ws://127.0.0.1:" + plain.port() + "/echo")));
            assertThat(proxy.requests).singleElement().satisfies(head -> assertThat(head)
                    .startsWith("CONNECT 127.0.0.1:" + plain.port() + " HTTP/1.1\r\n")
                    .contains("Host: 127.0.0.1:" + plain.port() + "\r\n")
                    .contains("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n"));
        }
    }

    @Test
    void tunnelsWssThroughAConnectProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            Dialer dialer = Dialer.builder().proxy(proxy.address()).sslContext(tls.client).build();
            assertEchoes(dialer.connect(URI.create("wss://localhost:" + secure.port() + "/echo")));
            assertThat(proxy.requests.get(0)).startsWith("CONNECT localhost:" + secure.port() + " HTTP/1.1");
        }
    }

    @Test
    void reportsAProxyRefusalWithItsStatus() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            proxy.refuseWith = "407 Proxy Authentication Required";
            Dialer dialer = Dialer.builder().proxy(proxy.address()).build();
            assertThatThrownBy(() -> dialer.connect(URI.create("ws://127.0.0.1:" + plain.port() + "/echo")))
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.PROXY_REFUSED);
                        assertThat(e.status()).isEqualTo(407);
                        assertThat(e.headers()).containsKey("proxy-authenticate");
                    });
        }
    }

    @Test
    void createsSocketsWithTheGivenFactory() throws Exception {
        AtomicInteger created = new AtomicInteger();
        SocketFactory factory = new SocketFactory() {
            @Override
            public Socket createSocket() {
                created.incrementAndGet();
                return new Socket();
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(java.net.InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                       int localPort) {
                throw new UnsupportedOperationException();
            }
        };
        assertEchoes(Dialer.builder().socketFactory(factory).build()
                .connect(URI.create("ws://127.0.0.1:" + plain.port() + "/echo")));
        assertThat(created).hasValue(1);
    }

    @Test
    void upgradesASocketTheCallerSecuredItself() throws Exception {
        Socket tcp = new Socket("127.0.0.1", secure.port());
        SSLSocket ssl = (SSLSocket) tls.client.getSocketFactory().createSocket(tcp, "localhost", secure.port(), true);
        ssl.startHandshake();
        assertEchoes(Dialer.defaults().upgrade(ssl, URI.create("wss://localhost:" + secure.port() + "/echo")));
    }
}
