package dev.ws.boot.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.sample.ChatHandler.ChatEvent;
import dev.ws.boot.test.sample.ChatHandler.ChatMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The client in a whole-application test: @SpringBootTest plus @AutoConfigureWsTestClient. */
@SpringBootTest(properties = {"ws.server.port=0", "ws.server.event-loops=1"})
@AutoConfigureWsTestClient
class FullApplicationTest {

    @Autowired
    WsTestClient client;

    @Test
    void talksToTheWholeApplication(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(BillingService.class)).hasSize(1);
        client.connect("/echo").sendText("hi").expectText("hi");
        client.connect("/chat/kitchen").sendJson(new ChatMessage("cy", "tea?"))
                .expectJson(new ChatEvent("kitchen", "cy", "tea?"));
    }
}
