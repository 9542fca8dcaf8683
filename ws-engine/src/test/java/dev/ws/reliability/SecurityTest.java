package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.Frame;
import dev.ws.FrameIO;
import dev.ws.HandshakeRejectedException;
import dev.ws.MaskGenerator;
import dev.ws.Side;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security on the wire: the origin allow-list (403), interceptors that authenticate (401) or fail
 * (500), error bodies that never repeat request data, TLS restricted to a configured protocol and
 * cipher set (a client offering only others is refused, the server keeps serving), and close
 * reasons cut on a UTF-8 boundary. Each refusal logs one line naming the peer and the rule.
 */
class SecurityTest {

    /** Request data that must not come back: markup, as an attacker would try to reflect it. */
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String TLS12_ONLY_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    private static final String OTHER_TLS12_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @TempDir
    static Path dir;
    private static KeyStore keyStore;

    private WebSocketServer server;
    private LogCapture log;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = selfSigned(dir);
    }

    @BeforeEach
    void capture() {
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        log.close();
    }

    // ------------------------------------------------------------------ origins, interceptors, bodies

    @Test
    void originOutsideTheAllowListOrMissingGets403WithoutEchoingIt() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).allowedOrigins(List.of("https://good.example"))
                .route("/echo", HostilePeerFixture.ECHO).build().start();
        for (String origin : List.of("Origin: https://evil.example/" + SCRIPT + "\r\n", "",
                "Origin: https://GOOD.example\r\n", "Origin: https://good.example.evil\r\n")) {
            try (Wire w = new Wire(server.port())) {
                w.sendRaw(Wire.ascii(Wire.request("/echo", origin)));
                assertThat(w.readHead()).startsWith("HTTP/1.1 403 ").doesNotContain(SCRIPT);
                assertThat(w.readBody()).isEqualTo("origin not allowed\n");
                assertOneLine(w, Level.INFO, "403", "origin not allowed", "allowedOrigins");
            }
        }
        try (Wire w = Wire.open(server.port(), "/echo", "Origin: https://good.example\r\n", 0)) {
            w.sendText("welcome");
            assertThat(w.read().payloadAsText()).isEqualTo("welcome");
        }
    }

    @Test
    void interceptorAuthenticatesWith401AndAFailingOneGives500WithoutItsMessage() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .interceptor((request, attributes) -> {
                    String auth = request.header("Authorization");
                    if (auth != null && auth.startsWith("Boom")) {
                        throw new IllegalStateException("token service down for " + auth); // request data
                    }
                    if (!"Bearer s3cret".equals(auth)) {
                        throw new HandshakeRejectedException(401, "missing or invalid token");
                    }
                    attributes.put("user", "alice");
                })
                .route("/echo", new WebSocketHandler() {
                    @Override
                    public void onText(WebSocketSession s, String text) {
                        s.sendText(s.attributes().get("user") + ": " + text);
                    }
                }).build().start();
        try (Wire w = new Wire(server.port())) {
            w.sendRaw(Wire.ascii(Wire.request("/echo", "Authorization: Bearer " + SCRIPT + "\r\n")));
            assertThat(w.readHead()).startsWith("HTTP/1.1 401 ").doesNotContain(SCRIPT);
            assertThat(w.readBody()).isEqualTo("missing or invalid token\n");
            assertOneLine(w, Level.INFO, "401", "missing or invalid token");
        }
        try (Wire w = new Wire(server.port())) {
            w.sendRaw(Wire.ascii(Wire.request("/echo", "Authorization: Boom " + SCRIPT + "\r\n")));
            assertThat(w.readHead()).startsWith("HTTP/1.1 500 ");
            assertThat(w.readBody()).isEqualTo("internal server error\n");
            // a failing interceptor is a server bug: one WARNING with its cause, for the operator only
            LogRecord line = assertOneLine(w, Level.WARNING, "500", "internal server error");
            assertThat(line.getThrown()).hasMessageContaining("token service down");
        }
        try (Wire w = Wire.open(server.port(), "/echo", "Authorization: Bearer s3cret\r\n", 0)) {
            w.sendText("hi");
            assertThat(w.read().payloadAsText()).isEqualTo("alice: hi");
        }
    }

    @Test
    void errorBodiesNeverRepeatRequestData() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).route("/echo", HostilePeerFixture.ECHO).build().start();
        List<String> requests = List.of(
                Wire.request("/" + SCRIPT, ""),                                              // 404
                Wire.request("/echo", "").replace("Version: 13", "Version: " + SCRIPT),    // 426
                Wire.request("/echo", "").replace("Key: ", "Key: " + SCRIPT),              // 400
                Wire.request("/echo", "").replace("GET", "POST").replace("/echo", "/echo?" + SCRIPT), // 405
                Wire.request("/echo", "Sec-WebSocket-Protocol: " + SCRIPT + "\r\n"),        // 400
                Wire.request("/echo", "X-" + SCRIPT + ": 1\r\n"),                           // 400
                "GET /" + SCRIPT + " HTTP/1.0\r\nHost: " + SCRIPT + "\r\n\r\n");            // 505
        for (String request : requests) {
            try (Wire w = new Wire(server.port())) {
                w.sendRaw(request.getBytes(StandardCharsets.ISO_8859_1));
                String head = w.readHead();
                String body = w.readBody();
                assertThat(head).matches("(?s)HTTP/1\\.1 [45]\\d\\d .*").doesNotContain(SCRIPT).doesNotContain("alert");
                assertThat(body).doesNotContain(SCRIPT).doesNotContain("alert");
                assertThat(w.closedByServer()).isTrue();
                String status = head.substring(9, 12);
                assertOneLine(w, Level.INFO, status).getMessage();
                assertThat(log.matching(m -> m.contains(SCRIPT))).as("request data in log lines").isEmpty();
            }
        }
    }

    @Test
    void closeReasonsAreCutOnAUtf8BoundaryOnTheWire() throws Exception {
        String reason = "€".repeat(100) + "tail"; // 304 bytes of UTF-8
        server = WebSocketServer.builder().port(0).eventLoops(1).route("/bye", new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, String text) {
                s.close(4000, text.equals("euro") ? reason : "é".repeat(70));
            }
        }).build().start();
        for (String which : List.of("euro", "e-acute")) {
            try (Wire w = Wire.open(server.port(), "/bye")) {
                w.sendText(which);
                Frame close = w.read();
                assertThat(close.length()).isLessThanOrEqualTo(125);
                CloseStatus status = CloseStatus.parse(close.payload()); // 1007 if the cut split a code point
                assertThat(status.code()).isEqualTo(4000);
                assertThat(status.reason()).isEqualTo(which.equals("euro") ? "€".repeat(41) : "é".repeat(61));
            }
        }
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void tlsClientOfferingOnlyADisabledProtocolIsRefusedAndTheServerKeepsServing() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .tls(serverContext(), p -> p.setProtocols(new String[] {"TLSv1.3"}))
                .route("/echo", HostilePeerFixture.ECHO).build().start();
        try (SSLSocket s = tlsSocket(new String[] {"TLSv1.2"}, null)) {
            assertThatThrownBy(s::startHandshake).isInstanceOf(SSLException.class);
            assertOneTlsLine(s, "TLSv1.2");
        }
        assertTlsEcho(new String[] {"TLSv1.3"}, null);
    }

    @Test
    void tlsClientOfferingOnlyADisabledCipherSuiteIsRefusedAndTheServerKeepsServing() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .tls(serverContext(), p -> {
                    p.setProtocols(new String[] {"TLSv1.2"});
                    p.setCipherSuites(new String[] {TLS12_ONLY_SUITE});
                })
                .route("/echo", HostilePeerFixture.ECHO).build().start();
        try (SSLSocket s = tlsSocket(new String[] {"TLSv1.2"}, new String[] {OTHER_TLS12_SUITE})) {
            assertThatThrownBy(s::startHandshake).isInstanceOf(SSLException.class);
            assertOneTlsLine(s, "cipher");
        }
        SSLSocket ok = assertTlsEcho(new String[] {"TLSv1.2"}, new String[] {OTHER_TLS12_SUITE, TLS12_ONLY_SUITE});
        assertThat(ok.getSession().getCipherSuite()).isEqualTo(TLS12_ONLY_SUITE);
    }

    @Test
    void plaintextOnTheTlsPortIsDroppedAndLogged() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1).tls(serverContext())
                .route("/echo", HostilePeerFixture.ECHO).build().start();
        try (Wire w = new Wire(server.port())) {
            w.sendRaw(Wire.ascii(Wire.request("/echo", "")));
            assertThat(w.closedByServer()).isTrue();
            assertOneLine(w, Level.INFO, "TLS handshake", "failed");
        }
        assertTlsEcho(new String[] {"TLSv1.3"}, null);
    }

    /** Upgrades over TLS with these client settings, checks an echo, and returns the (closed) socket. */
    private SSLSocket assertTlsEcho(String[] protocols, String[] suites) throws Exception {
        try (SSLSocket s = tlsSocket(protocols, suites)) {
            s.startHandshake();
            s.getOutputStream().write(Wire.ascii(Wire.request("/echo", "")));
            InputStream in = s.getInputStream();
            String head = new String(readHead(in), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 101 ");
            FrameIO.writeFrame(s.getOutputStream(), Frame.text("over tls"), Side.CLIENT, MaskGenerator.secure());
            assertThat(FrameIO.readFrame(in, Side.CLIENT, 1 << 20, false).payloadAsText()).isEqualTo("over tls");
            return s;
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private SSLSocket tlsSocket(String[] protocols, String[] suites) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(protocols);
        if (suites != null) {
            s.setEnabledCipherSuites(suites);
        }
        return s;
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A self-signed EC certificate for localhost/127.0.0.1, made with the JDK's keytool. */
    private static KeyStore selfSigned(Path dir) throws Exception {
        Path file = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    // ------------------------------------------------------------------ log lines

    private void assertOneTlsLine(SSLSocket s, String... words) throws InterruptedException {
        String address = "127.0.0.1:" + s.getLocalPort();
        log.await(m -> m.contains(address), Duration.ofSeconds(5));
        Thread.sleep(50);
        List<LogRecord> lines = linesNaming(address, Level.INFO);
        assertThat(lines).as("%s", log.lines()).hasSize(1);
        assertThat(LogCapture.text(lines.get(0))).contains("TLS handshake").containsIgnoringCase(words[0]);
    }

    /** Exactly one line at INFO or above names this peer, at {@code level}, and it holds the words. */
    private LogRecord assertOneLine(Wire peer, Level level, String... words) throws InterruptedException {
        String address = "127.0.0.1:" + peer.socket.getLocalPort();
        log.await(m -> m.contains(address), Duration.ofSeconds(5));
        Thread.sleep(50);
        List<LogRecord> lines = linesNaming(address, Level.INFO);
        assertThat(lines).as("%s", log.lines()).hasSize(1);
        assertThat(lines.get(0).getLevel()).isEqualTo(level);
        assertThat(LogCapture.text(lines.get(0))).contains(words);
        return lines.get(0);
    }

    private List<LogRecord> linesNaming(String address, Level atLeast) {
        return log.matching(m -> m.contains(address)).stream()
                .filter(r -> r.getLevel().intValue() >= atLeast.intValue()).toList();
    }
}
