package dev.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.OpCode;
import dev.ws.examples.JsonRequestResponse.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JsonRequestResponse}: requests decoded from, and responses encoded into, message streams. */
class JsonRequestResponseTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(JsonRequestResponse::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Response parse(String json) {
        return JsonRequestResponse.JSON.readValue(json, Response.class);
    }

    @Test
    void answersEachRequestWithItsResult() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/"))) {
            client.sendText("{\"id\":1,\"method\":\"sum\",\"params\":[1,2,3.5]}");
            assertThat(parse(client.nextText())).isEqualTo(new Response(1, 6.5, null));
            client.sendText("{\"id\":2,\"method\":\"max\",\"params\":[4,-1,9]}");
            assertThat(parse(client.nextText())).isEqualTo(new Response(2, 9.0, null));
            client.sendText("{\"id\":3,\"method\":\"pow\",\"params\":[]}");
            assertThat(parse(client.nextText())).isEqualTo(new Response(3, null, "unknown method \"pow\""));
            assertThat(client.closeWith(CloseCodes.NORMAL_CLOSURE)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    void answersBadJsonWithAnErrorAndKeepsTheConnection() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/"))) {
            client.sendText("{\"id\": oops");
            Response error = parse(client.nextText());
            assertThat(error.error()).startsWith("bad request");
            client.sendText("{\"id\":4,\"method\":\"sum\",\"params\":[1,null]}");
            assertThat(parse(client.nextText())).isEqualTo(new Response(4, null, "params must be numbers"));
            client.sendText("{\"id\":5,\"method\":\"sum\",\"params\":[2]}");
            assertThat(parse(client.nextText()).result()).isEqualTo(2.0);
        }
    }

    @Test
    void readsARequestSentInFragmentsAndAnswersInOneFrame() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            try (var m = client.frames().newMessage(OpCode.TEXT, 8)) {
                m.write("{\"id\":6,\"method\":\"sum\",\"params\":[10,20,30,40]}".getBytes());
            }
            RawClient.Received answer = client.receive();
            assertThat(answer.frames()).as("the generator's flush is not passed on").isEqualTo(1);
            assertThat(parse(answer.text())).isEqualTo(new Response(6, 100.0, null));
        }
    }

    @Test
    void closesWith1007WhenTheJsonIsNotUtf8() throws Exception {
        try (RawClient client = RawClient.connect(server.port(), "/")) {
            try (var m = client.frames().newMessage(OpCode.TEXT)) {
                m.write(new byte[] {'{', '"', (byte) 0xFF, '"'});
            }
            assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }
}
