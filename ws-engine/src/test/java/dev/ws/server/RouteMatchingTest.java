package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path templates and route choice: the template grammar (whole-segment variables, each named
 * once), what a variable matches (one non-empty segment, percent-decoded, '+' kept), and that the
 * most specific route wins whatever the order the routes were added in.
 */
class RouteMatchingTest {

    private static final WebSocketHandler NONE = new WebSocketHandler() { };

    @ParameterizedTest
    @ValueSource(strings = {"", "chat", "chat/{room}"})
    void templateMustStartWithASlash(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path template must start with '/': " + template);
    }

    @Test
    void aVariableNamedTwiceIsRefused() {
        assertThatThrownBy(() -> PathTemplate.parse("/{a}/x/{a}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variable {a} appears twice in /{a}/x/{a}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/room-{id}", "/{id}.json", "/a/{b", "/a/b}", "/{}"})
    void aVariableMustFillAWholeSegment(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a variable must fill a whole segment: " + template);
    }

    @Test
    void variablesMatchOneNonEmptySegmentPercentDecodedWithPlusKept() {
        PathTemplate t = PathTemplate.parse("/chat/{room}/{user}");
        assertThat(t.variableNames()).containsExactly("room", "user");
        assertThat(t.isLiteral()).isFalse();
        assertThat(t.match("/chat/caf%C3%A9/a+b")).containsExactly(Map.entry("room", "café"), Map.entry("user", "a+b"));
        assertThat(t.match("/chat//bob")).as("empty segment").isNull();
        assertThat(t.match("/chat/lobby/")).as("empty last segment").isNull();
        assertThat(t.match("/chat/lobby")).as("too few segments").isNull();
        assertThat(t.match("/chat/lobby/bob/x")).as("too many segments").isNull();
        assertThat(t.match("/chats/lobby/bob")).as("literal differs").isNull();
        assertThat(t.match("chat/lobby/bob")).as("not a path").isNull();
        assertThat(t.match("")).isNull();
    }

    @Test
    void literalTemplateMatchesOnlyItselfWithNoVariables() {
        PathTemplate t = PathTemplate.parse("/echo");
        assertThat(t.isLiteral()).isTrue();
        assertThat(t.variableNames()).isEmpty();
        assertThat(t.match("/echo")).isEmpty();
        assertThat(t.match("/echo2")).isNull();
        assertThat(t.match("/ech")).isNull();
        assertThat(t.toString()).isEqualTo("/echo");
    }

    @Test
    void mostSpecificRouteWinsWhateverTheOrderOfRegistration() {
        Route variable = new Route(PathTemplate.parse("/chat/{room}"), NONE, List.of());
        Route literal = new Route(PathTemplate.parse("/chat/lobby"), NONE, List.of());
        Route twoVariables = new Route(PathTemplate.parse("/{a}/{b}"), NONE, List.of());
        for (List<Route> routes : List.of(List.of(variable, literal, twoVariables), List.of(twoVariables, literal, variable),
                List.of(literal, variable, twoVariables))) {
            assertThat(Route.find(routes, "/chat/lobby").route()).as("%s", routes).isSameAs(literal);
            Route.Match m = Route.find(routes, "/chat/kitchen");
            assertThat(m.route()).isSameAs(variable);
            assertThat(m.params()).containsExactly(Map.entry("room", "kitchen"));
            assertThat(Route.find(routes, "/news/today").route()).isSameAs(twoVariables);
            assertThat(Route.find(routes, "/chat")).isNull();
        }
    }

    @Test
    void theLiteralRouteGetsTheSessionOnTheWireEvenWhenAddedAfterTheTemplate() throws Exception {
        CompletableFuture<String> opened = new CompletableFuture<>();
        WebSocketHandler recorder = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                opened.complete(s.route() + " " + s.pathParams());
            }
        };
        WebSocketServer server = WebSocketServer.builder().port(0).eventLoops(1)
                .route("/chat/{room}", recorder).route("/chat/lobby", recorder).build().start();
        try (RawClient c = RawClient.connect(server.port(), "/chat/lobby")) {
            assertThat(opened.get(5, TimeUnit.SECONDS)).isEqualTo("/chat/lobby {}");
        } finally {
            server.stop(Duration.ofMillis(200));
        }
    }
}
