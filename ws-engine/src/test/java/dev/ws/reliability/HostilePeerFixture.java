package dev.ws.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the hostile-peer tests share: a server they build (stopped after each test), the engine's log
 * lines captured, an echo handler, and the checks every refusal must pass: exactly one line at INFO
 * naming the peer and the rule, nothing logged as an error, and the server still serving others.
 * See docs/RELIABILITY.md for the table these tests pin.
 */
abstract class HostilePeerFixture {

    WebSocketServer server;
    LogCapture log;

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

    static WebSocketServer.Builder echoServer() {
        return WebSocketServer.builder().port(0).eventLoops(1).route("/echo", ECHO);
    }

    /** The server still upgrades and echoes. */
    void assertStillServing() throws IOException {
        try (Wire w = Wire.open(server.port(), "/echo")) {
            w.sendText("still serving");
            assertThat(w.read().payloadAsText()).isEqualTo("still serving");
        }
    }

    /**
     * Exactly one line at INFO or above names this peer, and it states the rule; nothing was logged
     * as an error. Waits a little: the loop may log just after the peer saw the answer.
     */
    void assertOneRefusalLine(Wire peer, String... rule) throws InterruptedException {
        String address = "127.0.0.1:" + peer.socket.getLocalPort();
        LogRecord line = log.await(m -> m.contains(address), Duration.ofSeconds(5));
        Thread.sleep(50);
        List<LogRecord> lines = log.matching(m -> m.contains(address)).stream()
                .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        assertThat(lines).as("lines naming %s: %s", address, log.lines()).hasSize(1);
        assertThat(lines.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(LogCapture.text(line)).contains(rule);
        assertThat(log.atOrAbove(Level.SEVERE)).isEmpty();
    }
}
