package dev.ws.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the endpoint contract every peer offers (and our servers must offer too), talking to each peer with the JDK's
 * WebSocket client: {@code /echo} returns text and binary messages unchanged, 64 KiB included; {@code /broadcast}
 * fans {@code broadcast:} text out to every session and echoes anything else; other paths are refused.
 */
class PeerEndpointsTest {

    interface Starter {
        AutoCloseable start() throws Exception;
    }

    record Peer(String name, Starter starter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Peer> peers() {
        return Stream.of(new Peer("netty", () -> NettyEchoServer.start(0)),
                new Peer("jetty", () -> JettyEchoServer.start(0)));
    }

    private static int port(AutoCloseable server) {
        return server instanceof NettyEchoServer n ? n.port() : ((JettyEchoServer) server).port();
    }

    @ParameterizedTest
    @MethodSource("peers")
    void echoesTextAndBinaryUnchangedUpTo64KiB(Peer peer) throws Exception {
        try (AutoCloseable server = peer.starter().start(); HttpClient client = HttpClient.newHttpClient()) {
            MessageCollector in = new MessageCollector();
            WebSocket ws = MessageCollector.connect(client, "ws://127.0.0.1:" + port(server) + "/echo", in);
            ws.sendText("hello", true).join();
            assertThat(in.next()).isEqualTo("hello");
            byte[] big = new byte[64 * 1024];
            Arrays.fill(big, (byte) 7);
            big[0] = 1;
            ws.sendBinary(ByteBuffer.wrap(big), true).join();
            assertThat((byte[]) in.next()).isEqualTo(big);
            String bigText = "x".repeat(64 * 1024);
            ws.sendText(bigText, true).join();
            assertThat(in.next()).isEqualTo(bigText);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    @ParameterizedTest
    @MethodSource("peers")
    void broadcastsPrefixedTextToEverySessionAndEchoesTheRest(Peer peer) throws Exception {
        try (AutoCloseable server = peer.starter().start(); HttpClient client = HttpClient.newHttpClient()) {
            String uri = "ws://127.0.0.1:" + port(server) + "/broadcast";
            MessageCollector a = new MessageCollector();
            MessageCollector b = new MessageCollector();
            WebSocket wsA = MessageCollector.connect(client, uri, a);
            WebSocket wsB = MessageCollector.connect(client, uri, b);
            wsA.sendText("sync", true).join();
            wsB.sendText("sync", true).join();
            assertThat(a.next()).isEqualTo("sync");
            assertThat(b.next()).isEqualTo("sync");
            wsA.sendText("broadcast:1:hello", true).join();
            assertThat(a.next()).isEqualTo("broadcast:1:hello");
            assertThat(b.next()).isEqualTo("broadcast:1:hello");
            wsA.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            wsB.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    @ParameterizedTest
    @MethodSource("peers")
    void refusesOtherPaths(Peer peer) throws Exception {
        try (AutoCloseable server = peer.starter().start(); HttpClient client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> MessageCollector.connect(client, "ws://127.0.0.1:" + port(server) + "/nope",
                    new MessageCollector())).isInstanceOf(CompletionException.class);
            HttpResponse<Void> plain = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(server) + "/nope")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(plain.statusCode()).isEqualTo(404);
        }
    }
}
