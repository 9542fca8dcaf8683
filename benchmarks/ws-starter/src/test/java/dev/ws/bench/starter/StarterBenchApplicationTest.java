package dev.ws.bench.starter;

import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The endpoint contract of the load benchmark (benchmarks/README.md), through the starter. */
@SpringBootTest(properties = "ws.server.port=0")
@AutoConfigureWsTestClient
class StarterBenchApplicationTest {

    @Autowired
    WsTestClient client;

    @Test
    void echoesTextAndBinaryWithTheirOpcodes() {
        try (WsTestSession s = client.connect("/echo")) {
            s.sendText("hello").expectText("hello");
            byte[] data = new byte[64 * 1024];
            data[7] = 42;
            s.sendBinary(data).expectBinary(data);
        }
    }

    @Test
    void broadcastReachesEverySessionAndOtherMessagesAreEchoedToTheSenderOnly() {
        try (WsTestSession a = client.connect("/broadcast"); WsTestSession b = client.connect("/broadcast")) {
            a.sendText("sync").expectText("sync");
            b.sendText("sync").expectText("sync");
            a.sendText("broadcast:1:xyz");
            a.expectText("broadcast:1:xyz");
            b.expectText("broadcast:1:xyz");
            b.expectNoMessage(Duration.ofMillis(200));
        }
    }
}
