package dev.ws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ws.CloseStatus;
import dev.ws.server.WebSocketSession;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each signature rule: a bad handler fails at creation with a message naming the method and the rule. */
class EndpointDefinitionTest {

    private static HandlerDefinitionException failure(Object bean) {
        try {
            AnnotatedEndpoint.create(bean, null, new WsSessionRegistry());
        } catch (HandlerDefinitionException e) {
            return e;
        }
        throw new AssertionError("expected a HandlerDefinitionException for " + bean.getClass().getSimpleName());
    }

    @WsHandler("/ok/{room}")
    static class Valid {
        @OnOpen
        void open(WebSocketSession s, HandshakeInfo info, @PathParam("room") String room) {
        }

        @OnMessage
        String text(String msg, @PathParam int room) {
            return msg;
        }

        @OnMessage
        void binary(InputStream in) {
        }

        @OnClose
        void close(CloseStatus status, WsSessionRegistry registry) {
        }

        @OnError
        void error(IllegalStateException e) {
        }

        @OnError
        String error(RuntimeException e, WebSocketSession s) {
            return "x";
        }
    }

    @Test
    void acceptsEveryKindOfParameter() {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Valid(), null, new WsSessionRegistry());
        assertThat(e.path()).isEqualTo("/ok/{room}");
        assertThat(e.subprotocols()).isEmpty();
    }

    static class NotAnnotated {
        @OnMessage
        void m(String s) {
        }
    }

    @Test
    void rejectsClassWithoutWsHandler() {
        assertThat(failure(new NotAnnotated())).hasMessageContaining("NotAnnotated is not annotated with @WsHandler");
    }

    @WsHandler("chat")
    static class BadPath {
        @OnMessage
        void m(String s) {
        }
    }

    @Test
    void rejectsInvalidPathTemplate() {
        assertThat(failure(new BadPath())).hasMessageContaining("invalid @WsHandler path")
                .hasMessageContaining("must start with '/'");
    }

    @WsHandler("/x")
    static class Empty {
    }

    @Test
    void rejectsClassWithoutCallbacks() {
        assertThat(failure(new Empty())).hasMessageContaining("has no @OnOpen, @OnMessage, @OnClose or @OnError method");
    }

    @WsHandler("/x")
    static class TwoTextMethods {
        @OnMessage
        void a(String s) {
        }

        @OnMessage
        void b(CharSequence s) {
        }
    }

    @Test
    void rejectsTwoTextMessageMethods() {
        assertThat(failure(new TwoTextMethods())).hasMessageContaining("TwoTextMethods.b(CharSequence) is a second "
                + "text @OnMessage method besides").hasMessageContaining("TwoTextMethods.a(String)");
    }

    @WsHandler("/x")
    static class TwoBinaryMethods {
        @OnMessage
        void a(byte[] s) {
        }

        @OnMessage
        void b(ByteBuffer s) {
        }
    }

    @Test
    void rejectsTwoBinaryMessageMethods() {
        assertThat(failure(new TwoBinaryMethods())).hasMessageContaining("is a second binary @OnMessage method");
    }

    @WsHandler("/x")
    static class TwoMessageParams {
        @OnMessage
        void a(String s, String t) {
        }
    }

    @Test
    void rejectsTwoMessageParameters() {
        assertThat(failure(new TwoMessageParams())).hasMessageContaining("TwoMessageParams.a(String, String) has two "
                + "message parameters (parameter 2 is String); mark path variables with @PathParam");
    }

    @WsHandler("/x")
    static class NoMessageParam {
        @OnMessage
        void a(WebSocketSession s) {
        }
    }

    @Test
    void rejectsMessageMethodWithoutMessage() {
        assertThat(failure(new NoMessageParam())).hasMessageContaining("NoMessageParam.a(WebSocketSession) has no "
                + "message parameter");
    }

    @WsHandler("/chat/{room}")
    static class UnknownPathVariable {
        @OnOpen
        void a(@PathParam("rom") String room) {
        }
    }

    @Test
    void rejectsPathParamNotInTemplate() {
        assertThat(failure(new UnknownPathVariable())).hasMessageContaining("@PathParam(\"rom\") is not a variable of "
                + "/chat/{room} (variables: [room])");
    }

    @WsHandler("/chat/{room}")
    static class UnsupportedPathParamType {
        @OnOpen
        void a(@PathParam("room") StringBuilder room) {
        }
    }

    @Test
    void rejectsUnsupportedPathParamType() {
        assertThat(failure(new UnsupportedPathParamType())).hasMessageContaining("of type StringBuilder is not supported");
    }

    @WsHandler("/x")
    static class UnboundOpenParam {
        @OnOpen
        void a(String notAMessage) {
        }
    }

    @Test
    void rejectsParameterThatCannotBeBound() {
        assertThat(failure(new UnboundOpenParam())).hasMessageContaining("UnboundOpenParam.a(String) parameter 1 "
                + "(String) cannot be bound; @OnOpen takes WebSocketSession, HandshakeInfo");
    }

    @WsHandler("/x")
    static class TwoOpens {
        @OnOpen
        void a() {
        }

        @OnOpen
        void b() {
        }
    }

    @Test
    void rejectsTwoOpenMethods() {
        assertThat(failure(new TwoOpens())).hasMessageContaining("is a second @OnOpen method besides");
    }

    @WsHandler("/x")
    static class CloseReturnsValue {
        @OnClose
        String a(CloseStatus s) {
            return "bye";
        }
    }

    @Test
    void rejectsOnCloseWithReturnValue() {
        assertThat(failure(new CloseReturnsValue())).hasMessageContaining("@OnClose must return void");
    }

    @WsHandler("/x")
    static class ErrorWithoutThrowable {
        @OnError
        void a(WebSocketSession s) {
        }
    }

    @Test
    void rejectsOnErrorWithoutThrowable() {
        assertThat(failure(new ErrorWithoutThrowable())).hasMessageContaining("has no Throwable parameter");
    }

    @WsHandler("/x")
    static class SameErrorTwice {
        @OnError
        void a(IllegalStateException e) {
        }

        @OnError
        void b(IllegalStateException e, WebSocketSession s) {
        }
    }

    @Test
    void rejectsTwoOnErrorForTheSameType() {
        assertThat(failure(new SameErrorTwice())).hasMessageContaining("handles IllegalStateException like");
    }

    @WsHandler("/x")
    static class TwoAnnotations {
        @OnOpen
        @OnClose
        void a() {
        }
    }

    @Test
    void rejectsMethodWithTwoCallbackAnnotations() {
        assertThat(failure(new TwoAnnotations())).hasMessageContaining("has @OnOpen and @OnClose; a method is one callback");
    }

    @WsHandler("/x")
    static class StaticCallback {
        @OnMessage
        static void a(String s) {
        }
    }

    @Test
    void rejectsStaticCallback() {
        assertThat(failure(new StaticCallback())).hasMessageContaining("@OnMessage method must not be static");
    }

    @WsHandler("/x")
    static class NeedsCodec {
        @OnMessage
        void a(PointCodec.Point p) {
        }
    }

    @Test
    void rejectsDecodedParameterWithoutCodec() {
        assertThat(failure(new NeedsCodec())).hasMessageContaining("message parameter Point needs a MessageCodec");
        assertThat(AnnotatedEndpoint.create(new NeedsCodec(), new PointCodec(), null).path()).isEqualTo("/x");
    }

    @WsHandler("/x")
    static class ReturnNeedsCodec {
        @OnMessage
        PointCodec.Point a(String s) {
            return null;
        }
    }

    @Test
    void rejectsObjectReturnWithoutCodec() {
        assertThat(failure(new ReturnNeedsCodec())).hasMessageContaining("returns Point, which needs a MessageCodec");
    }

    @WsHandler("/x")
    static class AsyncReturn {
        @OnMessage
        CompletableFuture<String> a(String s) {
            return null;
        }
    }

    @Test
    void rejectsAsynchronousReturnTypes() {
        assertThat(failure(new AsyncReturn())).hasMessageContaining("asynchronous replies are not supported");
    }

    @WsHandler("/x")
    static class NeedsRegistry {
        @OnOpen
        void a(WsSessionRegistry r) {
        }
    }

    @Test
    void rejectsRegistryParameterWithoutRegistry() {
        assertThatThrownBy(() -> AnnotatedEndpoint.create(new NeedsRegistry(), null, null))
                .isInstanceOf(HandlerDefinitionException.class)
                .hasMessageContaining("takes a WsSessionRegistry but the endpoint has none");
    }

    @WsHandler("/x")
    static class Parent {
        @OnMessage
        String a(String s) {
            return "parent";
        }
    }

    static class Child extends Parent {
        @Override
        @OnMessage
        String a(String s) {
            return "child";
        }
    }

    @Test
    void inheritedCallbacksAreFoundAndOverridesCountOnce() throws Exception {
        AnnotatedEndpoint e = AnnotatedEndpoint.create(new Child(), null, null);
        FakeSession s = new FakeSession("/x");
        e.onText(s, "hi");
        assertThat(s.lastText()).isEqualTo("child");
        AnnotatedEndpoint viaParent = AnnotatedEndpoint.create(new Child(), Parent.class, null, null);
        viaParent.onText(s, "hi");
        assertThat(s.sent).containsExactly("child", "child");
    }
}
