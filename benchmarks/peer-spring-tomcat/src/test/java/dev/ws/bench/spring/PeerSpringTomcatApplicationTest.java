package dev.ws.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Pins the endpoint contract on the Spring Boot peer, with the JDK's WebSocket client: {@code /echo} returns 64 KiB
 * text and binary messages unchanged (so the raised Tomcat buffers are in effect), and {@code /broadcast} fans
 * {@code broadcast:} text out to every session and echoes anything else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeerSpringTomcatApplicationTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void echoesTextAndBinaryUnchangedUpTo64KiB() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            MessageCollector in = new MessageCollector();
            WebSocket ws = MessageCollector.connect(client, "ws://127.0.0.1:" + port + "/echo", in);
            ws.sendText("hello", true).join();
            assertThat(in.next()).isEqualTo("hello");
            byte[] big = new byte[WebSocketConfig.MESSAGE_BUFFER_SIZE];
            Arrays.fill(big, (byte) 7);
            ws.sendBinary(ByteBuffer.wrap(big), true).join();
            assertThat((byte[]) in.next()).isEqualTo(big);
            String bigText = "x".repeat(WebSocketConfig.MESSAGE_BUFFER_SIZE);
            ws.sendText(bigText, true).join();
            assertThat(in.next()).isEqualTo(bigText);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    @Test
    void broadcastsPrefixedTextToEverySessionAndEchoesTheRest() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String uri = "ws://127.0.0.1:" + port + "/broadcast";
            MessageCollector a = new MessageCollector();
            MessageCollector b = new MessageCollector();
            WebSocket wsA = MessageCollector.connect(client, uri, a);
            WebSocket wsB = MessageCollector.connect(client, uri, b);
            wsA.sendText("sync", true).join();
            wsB.sendText("sync", true).join();
            assertThat(a.next()).isEqualTo("sync");
            assertThat(b.next()).isEqualTo("sync");
            wsB.sendText(BroadcastHandler.BROADCAST_PREFIX + "2:hi", true).join();
            assertThat(a.next()).isEqualTo("broadcast:2:hi");
            assertThat(b.next()).isEqualTo("broadcast:2:hi");
            wsA.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            wsB.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}
