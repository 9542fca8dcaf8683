package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.PolicyViolationException;
import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What an endpoint does with each event: arguments it binds, replies it sends, failures it routes. */
class AnnotatedEndpointDispatchTest {

    enum Mode { FAST, SLOW }

    @WsHandler("/rooms/{room}/{n}/{mode}")
    static class Rooms {
        final List<String> events = new CopyOnWriteArrayList<>();

        @OnOpen
        String open(@PathParam("room") String room, @PathParam("n") int n, @PathParam("mode") Mode mode,
                    HandshakeInfo info, Principal principal) {
            events.add("open " + room + " " + n + " " + mode + " q=" + info.queryParam("user")
                    + " principal=" + (principal == null ? null : principal.getName()));
            return "welcome to " + room;
        }

        @OnMessage
        PointCodec.Point text(PointCodec.Point p, WebSocketSession s) {
            return new PointCodec.Point(p.y(), p.x());
        }

        @OnMessage
        ByteBuffer binary(ByteBuffer data) {
            return data; // echo
        }

        @OnClose
        void close(CloseStatus status, WsSessionRegistry registry, WebSocketSession s) {
            events.add("close " + status.code() + " registered=" + (registry.session(s.id()) != null));
        }
    }

    private static FakeSession roomSession() {
        FakeSession s = new FakeSession("/rooms/{room}/{n}/{mode}", Map.of("room", "lobby", "n", "7", "mode", "FAST"),
                "user=ann%20b&x");
        s.attributes.put(HandshakeInfo.PRINCIPAL_ATTRIBUTE, (Principal) () -> "ann");
        return s;
    }

    @Test
    void bindsPathVariablesHandshakeAndPrincipalAndRepliesWithReturnValues() throws Exception {
        Rooms bean = new Rooms();
        WsSessionRegistry registry = new WsSessionRegistry();
        AnnotatedEndpoint e = AnnotatedEndpoint.create(bean, new PointCodec(), registry);
        FakeSession s = roomSession();

        e.onOpen(s);
        e.onText(s, "1, 2");
        e.onBinary(s, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        e.onClose(s, new CloseStatus(1000, "bye"));

        assertThat(bean.events).containsExactly("open lobby 7 FAST q=ann b principal=ann", "close 1000 registered=true");
        assertThat(s.sent).hasSize(3);
        assertThat(s.sent.get(0)).isEqualTo("welcome to lobby");
        assertThat(s.sent.get(1)).isEqualTo("2,1");
        assertThat((byte[]) s.sent.get(2)).containsExactly(1, 2, 3);
        assertThat(registry.count()).isZero();
    }

    @Test
    void registersSessionBeforeOnOpenAndUnregistersAfterOnClose() throws Exception {
        WsSessionRegistry registry = new WsSessionRegistry();
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Rooms(), new PointCodec(), registry);
        FakeSession s = roomSession();
        e.onOpen(s);
        assertThat(registry.sessions("/rooms/{room}/{n}/{mode}")).containsExactly(s);
        registry.join(s, "lobby");
        e.onClose(s, CloseStatus.NORMAL);
        assertThat(registry.count()).isZero();
        assertThat(registry.groupNames()).isEmpty();
    }

    @Test
    void closesWith1007WhenTheMessageDoesNotDecode() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Rooms(), new PointCodec(), new WsSessionRegistry());
        FakeSession s = roomSession();
        e.onText(s, "not a point");
        assertThat(s.closedWith.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        assertThat(s.sent).isEmpty();
    }

    @Test
    void closesWith1007WhenAPathVariableDoesNotConvert() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Rooms(), new PointCodec(), new WsSessionRegistry());
        FakeSession s = new FakeSession("/rooms/{room}/{n}/{mode}", Map.of("room", "a", "n", "seven", "mode", "FAST"), null);
        e.onOpen(s);
        assertThat(s.closedWith.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }

    @WsHandler("/text-only")
    static class TextOnly {
        @OnMessage
        String text(Reader reader) throws IOException {
            char[] buf = new char[64];
            int n = reader.read(buf);
            return new String(buf, 0, n).toUpperCase();
        }
    }

    @Test
    void closesWith1003OnAMessageKindWithoutMethod() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new TextOnly(), null, null);
        FakeSession s = new FakeSession("/text-only");
        e.onText(s, "abc");
        assertThat(s.lastText()).isEqualTo("ABC");
        e.onBinary(s, ByteBuffer.allocate(1));
        assertThat(s.closedWith.code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }

    @WsHandler("/streams")
    static class Streams {
        @OnMessage
        byte[] binary(InputStream in) throws IOException {
            return in.readAllBytes();
        }
    }

    @Test
    void streamsBinaryMessagesThroughAnInputStream() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Streams(), null, null);
        FakeSession s = new FakeSession("/streams");
        ByteBuffer data = ByteBuffer.wrap("xhello".getBytes(StandardCharsets.US_ASCII)).position(1);
        e.onBinary(s, data);
        assertThat(FakeSession.utf8((byte[]) s.sent.get(0))).isEqualTo("hello");
        assertThat(data.position()).isEqualTo(1); // the engine's buffer is not consumed
    }

    static class Boom extends RuntimeException {
        Boom(String m) {
            super(m);
        }
    }

    @WsHandler("/errors")
    static class Errors {
        @OnMessage
        String text(String s) throws Exception {
            return switch (s) {
                case "boom" -> throw new Boom("boom");
                case "state" -> throw new IllegalStateException("state");
                case "policy" -> throw new PolicyViolationException("no swearing");
                case "checked" -> throw new IOException("disk");
                case "again" -> throw new UnsupportedOperationException("again");
                case "prepared" -> null;
                default -> s;
            };
        }

        @OnError
        String onBoom(Boom b, WebSocketSession s) {
            return "handled " + b.getMessage();
        }

        @OnError
        String onRuntime(RuntimeException e) {
            if (e instanceof UnsupportedOperationException) {
                throw new IllegalArgumentException("onError failed too");
            }
            return "runtime " + e.getMessage();
        }
    }

    @Test
    void routesExceptionsToTheClosestOnErrorAndKeepsTheSessionOpen() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Errors(), null, null);
        FakeSession s = new FakeSession("/errors");
        e.onText(s, "boom");
        e.onText(s, "state");
        assertThat(s.sent).containsExactly("handled boom", "runtime state");
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void rethrowsUnhandledExceptionsToTheEngine() {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Errors(), null, null);
        FakeSession s = new FakeSession("/errors");
        assertThatThrownBy(() -> e.onText(s, "checked")).isInstanceOf(IOException.class).hasMessage("disk");
        assertThatThrownBy(() -> e.onText(s, "again")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onError failed too")
                .satisfies(t -> assertThat(t.getSuppressed()[0]).hasMessage("again"));
        assertThat(s.isOpen()).isTrue(); // the engine closes with 1011, not the endpoint
    }

    @Test
    void closesWithTheCodeOfAWebSocketExceptionAHandlerThrows() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Errors(), null, null);
        FakeSession s = new FakeSession("/errors");
        e.onText(s, "policy");
        assertThat(s.closedWith.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
    }

    @WsHandler("/replies")
    static class Replies {
        @OnMessage
        Object text(String s) {
            return switch (s) {
                case "bytes" -> new byte[] {9};
                case "prepared" -> PreparedMessage.text("p");
                case "builder" -> new StringBuilder("sb");
                case "null" -> null;
                default -> new PointCodec.Point(1, 2);
            };
        }
    }

    @Test
    void encodesEachReturnTypeAsDocumented() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Replies(), new PointCodec(), null);
        FakeSession s = new FakeSession("/replies");
        for (String m : List.of("bytes", "prepared", "builder", "null", "point")) {
            e.onText(s, m);
        }
        assertThat(s.sent).hasSize(4);
        assertThat((byte[]) s.sent.get(0)).containsExactly(9);
        assertThat(s.sent.get(1)).isInstanceOf(PreparedMessage.class);
        assertThat(s.sent.get(2)).isEqualTo("sb");
        assertThat(s.sent.get(3)).isEqualTo("1,2");
    }

    @Test
    void aRefusedReplyDoesNotFailTheHandler() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Replies(), new PointCodec(), null);
        FakeSession s = new FakeSession("/replies");
        s.refuseSends = true;
        e.onText(s, "builder");
        assertThat(s.sent).isEmpty();
        assertThat(s.isOpen()).isTrue();
    }
}
