package dev.ws;

import static dev.ws.Exchange.run;
import static dev.ws.Exchange.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.Exchange.Response;
import dev.ws.http.Cookies;
import dev.ws.http.RequestView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hooks run in the documented order, see the right views, and can refuse or attach attributes. */
class UpgraderCallbacksTest {

    @Test
    void callsHooksInTheDocumentedOrderWithTheirViews() {
        List<String> calls = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder()
                .onRequest((uri, result) -> calls.add("request " + uri))
                .onHost((host, result) -> calls.add("host " + host))
                .onHeader((name, value, result) -> calls.add("header " + name + "=" + value))
                .onHead((head, result) -> calls.add("head " + head.method() + " " + head.path() + " " + head.query()))
                .subprotocols((head, offered, result) -> {
                    calls.add("select " + offered);
                    return null;
                })
                .extension(offers -> {
                    calls.add("negotiate " + offers);
                    return null;
                })
                .beforeUpgrade((head, result) -> {
                    calls.add("before");
                    return null;
                })
                .build();
        Response r = run(upgrader, valid("Origin: http://a.example", "Sec-WebSocket-Protocol: p1, p2",
                "Sec-WebSocket-Extensions: x-foo; a=1", "Cookie: s=1").replace("/chat", "/chat?x=1"));
        assertThat(r.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(calls).containsExactly("request /chat?x=1", "host server.example.com",
                "header Origin=http://a.example", "header Cookie=s=1", "head GET /chat x=1", "select [p1, p2]",
                "negotiate [x-foo; a=1]", "before");
    }

    @Test
    void headerHooksMaySeeARequestThatIsThenRefusedButOnHeadDoesNot() {
        List<String> calls = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder()
                .onRequest((uri, result) -> calls.add("request"))
                .onHead((head, result) -> calls.add("head"))
                .build();
        assertThat(run(upgrader, Exchange.without("Upgrade")).status()).isEqualTo(400);
        assertThat(calls).containsExactly("request");
    }

    @Test
    void onHeadSeesEveryHeaderAtOnce() {
        List<String> seen = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().onHead((head, result) -> {
            for (int i = 0; i < head.headerCount(); i++) {
                seen.add(head.headerName(i) + ": " + head.headerValue(i));
            }
            seen.add("origin=" + head.header("ORIGIN"));
            seen.add("second x=" + head.headerValue(head.indexOfHeader("x", head.indexOfHeader("x", 0) + 1)));
            seen.add("missing=" + head.header("nope"));
            seen.add("uri=" + head.uri());
        }).build();
        run(upgrader, valid("Origin: o", "X: 1", "x: 2"));
        assertThat(seen).containsExactly("Host: server.example.com", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + Exchange.KEY, "Sec-WebSocket-Version: 13", "Origin: o", "X: 1", "x: 2",
                "origin=o", "second x=2", "missing=null", "uri=/chat");
    }

    @Test
    void routerRejectsUnknownPathWith404AndOriginWith403() {
        Set<String> origins = Set.of("https://good.example");
        Upgrader upgrader = Upgrader.builder().onHead((head, result) -> {
            if (!"/chat".contentEquals(head.path())) {
                throw new HandshakeRejectedException(404, "no such endpoint");
            }
            CharSequence origin = head.header("Origin");
            if (origin != null && !origins.contains(origin.toString())) {
                throw new HandshakeRejectedException(403, "origin not allowed", HandshakeHeaders.of("Vary", "Origin"));
            }
            result.attributes().put("route", "chat");
        }).build();
        Response notFound = run(upgrader, valid().replace("/chat", "/other"));
        assertThat(notFound.outcome()).isEqualTo(Upgrader.REJECTED);
        assertThat(notFound.raw()).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(notFound.body()).isEqualTo("no such endpoint\n");
        assertThat(notFound.header("Connection")).isEqualTo("close");
        Response forbidden = run(upgrader, valid("Origin: https://evil.example"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Vary")).isEqualTo("Origin");
        assertThat(forbidden.result().rejection().reason()).isEqualTo("origin not allowed");
        Response ok = run(upgrader, valid("Origin: https://good.example"));
        assertThat(ok.outcome()).isEqualTo(Upgrader.UPGRADED);
        assertThat(ok.result().attributes()).containsExactly(Map.entry("route", "chat"));
        assertThat(ok.result().attribute("route")).isEqualTo("chat");
    }

    @Test
    void attributesAreCreatedOnlyWhenUsedAndNotClearedByTheNextHandshake() {
        Upgrader upgrader = Upgrader.builder().onHeader((name, value, result) -> {
            if ("Cookie".contentEquals(name)) {
                result.attributes().put("session", Cookies.value(value, "sid"));
            }
        }).build();
        HandshakeResult result = new HandshakeResult();
        run(upgrader, Exchange.bytes(valid("Cookie: a=b; sid=\"42\"")), result);
        assertThat(result.hasAttributes()).isTrue();
        Map<String, Object> first = result.attributes();
        assertThat(first).containsEntry("session", "42");
        run(upgrader, Exchange.bytes(valid()), result);
        assertThat(result.hasAttributes()).isFalse();
        assertThat(result.attribute("session")).isNull();
        assertThat(first).as("a session may keep the map it took").containsEntry("session", "42");
    }

    @Test
    void headerHookSkipsTheHeadersTheUpgraderHandles() {
        List<String> names = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().onHeader((name, value, result) -> names.add(name.toString())).build();
        run(upgrader, valid("Sec-WebSocket-Protocol: a", "Sec-WebSocket-Extensions: b", "Sec-WebSocket-Other: c"));
        assertThat(names).containsExactly("Sec-WebSocket-Other");
    }

    @Test
    void anyHookCanRefuseAndLaterHooksDoNotRun() {
        List<String> calls = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder()
                .onHost((host, result) -> {
                    if (!"good".contentEquals(host)) {
                        throw new HandshakeRejectedException(421, "misdirected");
                    }
                })
                .onHead((head, result) -> calls.add("head"))
                .build();
        Response r = run(upgrader, valid());
        assertThat(r.status()).isEqualTo(421);
        assertThat(calls).isEmpty();
    }

    @Test
    void failingHookRefusesWith500AndKeepsTheCauseOutOfTheBody() {
        IllegalStateException bug = new IllegalStateException("database password is hunter2");
        Upgrader upgrader = Upgrader.builder().onHead((head, result) -> {
            throw bug;
        }).build();
        Response r = run(upgrader, valid());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.result().rejection().getCause()).isSameAs(bug);
        assertThat(r.raw()).doesNotContain("hunter2");
    }

    @Test
    void beforeUpgradeAddsHeadersToThe101OrRefuses() {
        Upgrader adds = Upgrader.builder().responseHeader("Server", "ws")
                .beforeUpgrade((head, result) -> HandshakeHeaders.of("Set-Cookie", "sid=1; HttpOnly")).build();
        Response r = run(adds, valid());
        assertThat(r.raw()).endsWith("Server: ws\r\nSet-Cookie: sid=1; HttpOnly\r\n\r\n");
        Upgrader refuses = Upgrader.builder().beforeUpgrade((head, result) -> {
            throw new HandshakeRejectedException(503, "try later", HandshakeHeaders.of("Retry-After", "5"));
        }).build();
        Response refused = run(refuses, valid());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void a101ThatWouldNotFitIsReplacedBy500() {
        String huge = "v".repeat(3000);
        Upgrader upgrader = Upgrader.builder()
                .beforeUpgrade((head, result) -> HandshakeHeaders.of("X-A", huge, "X-B", huge)).build();
        Response r = run(upgrader, valid());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.result().rejection()).isSameAs(HandshakeRejectedException.INTERNAL_ERROR);
    }

    @Test
    void capturesOnlyTheHeadersAskedFor() {
        Upgrader upgrader = Upgrader.builder().captureHeaders("Origin", "x-multi").build();
        HandshakeResult result = run(upgrader, valid("Origin: o", "User-Agent: ua", "X-Multi: 1", "x-multi: 2")).result();
        assertThat(result.header("origin")).isEqualTo("o");
        assertThat(result.header("User-Agent")).isNull();
        assertThat(result.headers()).containsOnlyKeys("Origin", "X-Multi");
        assertThat(result.headers().get("x-MULTI")).containsExactly("1", "2");
        HandshakeResult all = run(Upgrader.builder().captureAllHeaders().build(), valid("User-Agent: ua")).result();
        assertThat(all.header("user-agent")).isEqualTo("ua");
        assertThat(all.headers()).hasSize(6);
        assertThat(run(Upgrader.builder().build(), valid("Origin: o")).result().headers()).isEmpty();
    }

    @Test
    void viewsCopyOnToStringAndExposeTheOctetsAsChars() {
        List<String> copies = new ArrayList<>();
        Upgrader upgrader = Upgrader.builder().onHead((RequestView head, HandshakeResult result) -> {
            CharSequence v = head.header("X-Latin");
            copies.add(v.toString());
            copies.add(v.subSequence(1, 3).toString());
            copies.add(String.valueOf((int) v.charAt(3)));
        }).build();
        run(upgrader, valid("X-Latin: caf\u00e9"));
        assertThat(copies).containsExactly("caf\u00e9", "af", "233");
    }
}
