package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.server.PreparedMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The signature rules {@link EndpointDefinitionTest} leaves out, each failing at creation with a
 * message naming the method and the rule; and the shapes that are accepted: helper methods without
 * annotations, callbacks inherited through generic and private superclass methods, every documented
 * path-variable type, and the plain return types.
 */
class EndpointSignatureRulesTest {

    private static HandlerDefinitionException failure(Object bean) {
        return failure(bean, null);
    }

    private static HandlerDefinitionException failure(Object bean, MessageCodec codec) {
        try {
            AnnotatedEndpoint.create(bean, codec, null);
        } catch (HandlerDefinitionException e) {
            return e;
        }
        throw new AssertionError("expected a HandlerDefinitionException for " + bean.getClass().getSimpleName());
    }

    @WsHandler("/x")
    static class CloseStatusOnOpen {
        @OnOpen
        void open(CloseStatus status) {
        }
    }

    @WsHandler("/x")
    static class ThrowableOnClose {
        @OnClose
        void close(CloseStatus status, Exception e) {
        }
    }

    @WsHandler("/x")
    static class UnboundOnMessage {
        @OnMessage
        void m(String text, Map<String, String> extra) {
        }
    }

    @WsHandler("/x")
    static class UnboundOnError {
        @OnError
        void e(RuntimeException e, StringBuilder extra) {
        }
    }

    @Test
    void aParameterOfTheWrongKindNamesWhatTheCallbackTakes() {
        assertThat(failure(new CloseStatusOnOpen())).hasMessageEndingWith("$CloseStatusOnOpen.open(CloseStatus) "
                + "parameter 1 (CloseStatus) cannot be bound; @OnOpen takes WebSocketSession, HandshakeInfo, "
                + "Principal, WsSessionRegistry and @PathParam values");
        assertThat(failure(new ThrowableOnClose())).hasMessageEndingWith("parameter 2 (Exception) cannot be bound; "
                + "@OnClose takes CloseStatus and WebSocketSession, HandshakeInfo, Principal, WsSessionRegistry and "
                + "@PathParam values");
        assertThat(failure(new UnboundOnMessage(), new PointCodec())).hasMessageContaining("has two message parameters (parameter 2 is Map)");
        assertThat(failure(new UnboundOnError())).hasMessageEndingWith("parameter 2 (StringBuilder) cannot be bound; "
                + "@OnError takes one Throwable and WebSocketSession, HandshakeInfo, Principal, WsSessionRegistry and "
                + "@PathParam values");
    }

    @WsHandler("/x")
    static class TwoExceptions {
        @OnError
        void e(IllegalStateException a, IllegalArgumentException b) {
        }
    }

    @Test
    void onErrorTakesOneException() {
        assertThat(failure(new TwoExceptions())).hasMessageEndingWith("takes two exception parameters; @OnError takes one");
    }

    @WsHandler("/x")
    static class PrimitiveMessage {
        @OnMessage
        void m(int n) {
        }
    }

    @WsHandler("/x")
    static class PrimitiveReturn {
        @OnMessage
        int m(String s) {
            return 1;
        }
    }

    @WsHandler("/x")
    static class FutureReturn {
        @OnMessage
        Future<String> m(String s) {
            return null;
        }
    }

    @Test
    void primitivesAndFuturesAreRefusedNamingTheType() {
        assertThat(failure(new PrimitiveMessage(), new PointCodec()))
                .hasMessageEndingWith("message parameter of primitive type int is not supported; use String");
        assertThat(failure(new PrimitiveReturn()))
                .hasMessageEndingWith("returns int; return a String or an object the codec encodes");
        assertThat(failure(new FutureReturn())).hasMessageContaining("returns Future; asynchronous replies are not supported");
    }

    @WsHandler("/x")
    static class NotTheType {
        @OnOpen
        void open() {
        }
    }

    @Test
    void aBeanOfAnotherTypeThanTheAnnotatedOneIsRefused() {
        assertThatThrownBy(() -> AnnotatedEndpoint.create("a string", NotTheType.class, null, null))
                .isInstanceOf(HandlerDefinitionException.class)
                .hasMessage("java.lang.String is not a " + NotTheType.class.getName());
    }

    /** Helpers without annotations are ignored; a class with only @OnClose or @OnError is an endpoint. */
    @WsHandler("/x")
    static class OnlyOnClose {
        final List<String> events = new CopyOnWriteArrayList<>();

        String helper(String s) {
            return s;
        }

        @OnClose
        void close(CloseStatus status) {
            events.add(helper("closed " + status.code()));
        }
    }

    @WsHandler("/x")
    static class OnlyOnError {
        @OnError
        void error(RuntimeException e) {
        }
    }

    @Test
    void anEndpointWithOnlyOnCloseOrOnlyOnErrorIsValidAndHelpersAreIgnored() throws Exception {
        OnlyOnClose bean = new OnlyOnClose();
        AnnotatedEndpoint e = AnnotatedEndpoint.create(bean, null, null);
        FakeSession s = new FakeSession("/x");
        e.onOpen(s);
        e.onClose(s, CloseStatus.NORMAL);
        assertThat(bean.events).containsExactly("closed 1000");
        assertThat(AnnotatedEndpoint.create(new OnlyOnError(), null, null).path()).isEqualTo("/x");
    }

    abstract static class Generic<T> {
        @OnMessage
        abstract String on(T message);
    }

    @WsHandler("/x")
    static class Concrete extends Generic<String> {
        @Override
        @OnMessage
        String on(String message) {
            return "got " + message;
        }
    }

    static class PrivateBase {
        final List<String> events = new CopyOnWriteArrayList<>();

        @OnOpen
        private void open() {
            events.add("base open");
        }
    }

    @WsHandler("/x")
    static class PrivateChild extends PrivateBase {
        @OnMessage
        private void open(String text) {
            events.add("child " + text);
        }
    }

    @Test
    void aGenericOverrideCountsOnceAndPrivateSuperclassCallbacksAreFound() throws Exception {
        AnnotatedEndpoint generic = AnnotatedEndpoint.create(new Concrete(), null, null);
        FakeSession s = new FakeSession("/x");
        generic.onText(s, "hi");
        assertThat(s.sent).containsExactly("got hi");

        PrivateChild child = new PrivateChild();
        AnnotatedEndpoint e = AnnotatedEndpoint.create(child, null, null);
        e.onOpen(s);
        e.onText(s, "hi");
        assertThat(child.events).containsExactly("base open", "child hi");
    }

    enum Color { RED, GREEN }

    @WsHandler("/p/{text}/{n}/{big}/{flag}/{id}/{color}")
    static class EveryPathType {
        final List<Object> values = new CopyOnWriteArrayList<>();

        @OnOpen
        void open(@PathParam("text") CharSequence text, @PathParam("n") Integer n, @PathParam("big") long big,
                  @PathParam("flag") Boolean flag, @PathParam("id") UUID id, @PathParam("color") Color color,
                  @PathParam("big") Long bigBoxed, @PathParam("flag") boolean flagPrimitive) {
            values.addAll(List.of(text, n, big, flag, id, color, bigBoxed, flagPrimitive));
        }
    }

    private static FakeSession pathSession(String flag) {
        return new FakeSession("/p/{text}/{n}/{big}/{flag}/{id}/{color}", Map.of("text", "t", "n", "7",
                "big", "12345678901", "flag", flag, "id", "123e4567-e89b-12d3-a456-426614174000", "color", "GREEN"), null);
    }

    @Test
    void everyDocumentedPathVariableTypeIsConvertedAndABadBooleanCloses1007() throws Exception {
        EveryPathType bean = new EveryPathType();
        AnnotatedEndpoint e = AnnotatedEndpoint.create(bean, null, null);
        e.onOpen(pathSession("TRUE"));
        assertThat(bean.values).containsExactly("t", 7, 12345678901L, true,
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), Color.GREEN, 12345678901L, true);

        FakeSession bad = pathSession("yes");
        e.onOpen(bad);
        assertThat(bad.closedWith).isEqualTo(new CloseStatus(1007, "cannot decode message"));
    }

    @WsHandler("/x")
    static class PlainReturns {
        @OnMessage
        Object text(String s) {
            return switch (s) {
                case "bytes" -> new byte[] {1};
                case "buffer" -> ByteBuffer.wrap(new byte[] {2});
                case "prepared" -> PreparedMessage.text("p");
                case "null" -> null;
                default -> List.of(s); // needs a codec
            };
        }

        @OnMessage
        byte[] binary(byte[] data) {
            byte[] copy = data.clone();
            data[0] = 99; // the handler's array is its own
            return copy;
        }
    }

    @Test
    void objectReturnsArePlainWhenTheyCanBeAndOtherwiseNeedACodec() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new PlainReturns(), null, null);
        FakeSession s = new FakeSession("/x");
        for (String m : List.of("bytes", "buffer", "prepared", "null")) {
            e.onText(s, m);
        }
        assertThat(s.sent).hasSize(3);
        assertThat((byte[]) s.sent.get(0)).containsExactly(1);
        assertThat((byte[]) s.sent.get(1)).containsExactly(2);
        assertThat(s.sent.get(2)).isInstanceOf(PreparedMessage.class);
        assertThatThrownBy(() -> e.onText(s, "list")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no MessageCodec to encode a ").hasMessageEndingWith(" returned by a handler of /x");

        ByteBuffer received = ByteBuffer.wrap(new byte[] {5, 6});
        e.onBinary(s, received);
        assertThat((byte[]) s.sent.get(3)).containsExactly(5, 6);
        assertThat(received.get(0)).as("a byte[] parameter is a copy").isEqualTo((byte) 5);
    }

    @WsHandler("/x")
    static class BinaryOnly {
        @OnMessage
        void binary(ByteBuffer data) {
        }
    }

    @Test
    void textToABinaryOnlyEndpointClosesWith1003() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new BinaryOnly(), null, null);
        FakeSession s = new FakeSession("/x");
        e.onText(s, "hello");
        assertThat(s.closedWith).isEqualTo(new CloseStatus(1003, "text messages are not accepted"));
    }

    @WsHandler("/x")
    static class CheckedOnClose {
        @OnClose
        void close(CloseStatus status) throws Exception {
            throw new java.io.IOException("disk full");
        }
    }

    @Test
    void aCheckedExceptionFromOnCloseIsRethrownNamingTheMethod() {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new CheckedOnClose(), null, new WsSessionRegistry());
        FakeSession s = new FakeSession("/x");
        assertThatThrownBy(() -> e.onClose(s, CloseStatus.NORMAL)).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" failed").hasRootCauseMessage("disk full");
        assertThat(e.toString()).isEqualTo("AnnotatedEndpoint[/x -> " + CheckedOnClose.class.getName() + "]");
        assertThat(e.beanType()).isEqualTo(CheckedOnClose.class);
    }
}
