package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.server.DispatchMode;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Annotated endpoints on a real server, over loopback, with the JDK client, in both dispatch modes. */
class AnnotatedEndpointServerTest {

    @WsHandler("/chat/{room}")
    static class Chat {
        final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();

        @OnOpen
        void open(WebSocketSession s, @PathParam("room") String room, WsSessionRegistry registry) {
            registry.join(s, room);
        }

        @OnMessage
        void text(String text, WebSocketSession s, @PathParam("room") String room, WsSessionRegistry registry) {
            if (text.equals("fail")) {
                throw new IllegalStateException("handler bug (expected by the test)");
            }
            registry.sendToGroup(room, room + ": " + text);
        }

        @OnMessage
        ByteBuffer binary(ByteBuffer data) {
            return data;
        }

        @OnClose
        void close(CloseStatus status, @PathParam("room") String room) {
            closes.add(room + " " + status.code());
        }
    }

    @WsHandler("/points")
    static class Points {
        @OnMessage
        PointCodec.Point swap(PointCodec.Point p) {
            return new PointCodec.Point(p.y(), p.x());
        }
    }

    private WebSocketServer server;
    private final Chat chat = new Chat();
    private final WsSessionRegistry registry = new WsSessionRegistry(new PointCodec());

    private void start(DispatchMode mode) throws Exception {
        WebSocketServer.Builder b = WebSocketServer.builder().port(0).eventLoops(1).dispatchMode(mode);
        AnnotatedEndpoint.create(chat, new PointCodec(), registry).addTo(b);
        AnnotatedEndpoint.create(new Points(), new PointCodec(), registry).addTo(b);
        server = b.build().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void roomsBroadcastToTheirMembersOnly(DispatchMode mode) throws Exception {
        start(mode);
        JdkClient ann = JdkClient.connect(server.port(), "/chat/lobby");
        JdkClient bob = JdkClient.connect(server.port(), "/chat/lobby");
        JdkClient cy = JdkClient.connect(server.port(), "/chat/kitchen");
        awaitMembers("lobby", 2);
        awaitMembers("kitchen", 1);

        ann.ws.sendText("hi", true).join();
        assertThat(ann.next()).isEqualTo("lobby: hi");
        assertThat(bob.next()).isEqualTo("lobby: hi");
        cy.ws.sendText("yo", true).join();
        assertThat(cy.next()).isEqualTo("kitchen: yo");
        assertThat(ann.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();

        bob.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), true).join();
        assertThat((byte[]) bob.next()).containsExactly(1, 2);

        ann.ws.sendClose(4000, "done");
        assertThat(ann.awaitClose()).isEqualTo(4000);
        assertThat(chat.closes.poll(5, TimeUnit.SECONDS)).isEqualTo("lobby 4000");
        awaitMembers("lobby", 1);
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void closesWith1011WhenAHandlerThrowsAndNothingHandlesIt(DispatchMode mode) throws Exception {
        start(mode);
        JdkClient c = JdkClient.connect(server.port(), "/chat/x");
        c.ws.sendText("fail", true).join();
        assertThat(c.awaitClose()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        assertThat(chat.closes.poll(5, TimeUnit.SECONDS)).isEqualTo("x 1011");
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void decodesAndEncodesWithTheCodecAndClosesWith1007OnGarbage(DispatchMode mode) throws Exception {
        start(mode);
        JdkClient c = JdkClient.connect(server.port(), "/points");
        c.ws.sendText("1,2", true).join();
        assertThat(c.next()).isEqualTo("2,1");
        c.ws.sendBinary(ByteBuffer.allocate(1), true).join();
        assertThat(c.awaitClose()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);

        JdkClient d = JdkClient.connect(server.port(), "/points");
        d.ws.sendText("garbage", true).join();
        assertThat(d.awaitClose()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }

    private void awaitMembers(String group, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.members(group).size() != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(registry.members(group)).hasSize(n);
    }
}
