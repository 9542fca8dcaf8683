package dev.ws.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits a server accepts: each invalid value fails {@code build()} with a message that names
 * the setting and the value, each documented minimum is itself accepted, and
 * {@link WebSocketServer.Builder#settings(ServerSettings)} carries every field (the starter relies on it).
 */
class ServerSettingsTest {

    private static WebSocketServer.Builder builder() {
        return WebSocketServer.builder().port(0).route("/x", ServerEchoTest.ECHO);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.eventLoops(0),
                        "eventLoops must be at least 1, got 0"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxConnections(0),
                        "maxConnections must be at least 1, got 0"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxHeadBytes(255),
                        "maxHeadBytes must be at least 256, got 255"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxHeaders(0),
                        "maxHeaders must be in 1..10000, got 0"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxHeaders(10_001),
                        "maxHeaders must be in 1..10000, got 10001"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxFramePayload(124),
                        "maxFramePayload must be at least 125, got 124"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxMessageSize(0),
                        "maxMessageSize must be positive, got 0"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.outboundWatermarks(0, 0),
                        "outboundHighWatermark must be positive"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.outboundWatermarks(-1, 10),
                        "outboundLowWatermark (-1) must be below outboundHighWatermark (10)"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.maxPendingMessages(0),
                        "maxPendingMessages must be at least 1"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.readBufferSize(1023),
                        "readBufferSize must be at least 1024, got 1023"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.idleTimeout(Duration.ofSeconds(-1)),
                        "timeouts must not be negative, got PT-1S"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.shutdownTimeout(Duration.ofMillis(-5)),
                        "timeouts must not be negative, got PT-0.005S"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.handshakeTimeout(Duration.ZERO),
                        "handshakeTimeout must be positive"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.closeTimeout(Duration.ZERO),
                        "closeTimeout must be positive"),
                Arguments.of((UnaryOperator<WebSocketServer.Builder>) b -> b.pongTimeout(Duration.ZERO),
                        "pongTimeout must be positive"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSettings")
    void rejectsAnInvalidSettingNamingItAndTheValue(UnaryOperator<WebSocketServer.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void acceptsEachDocumentedMinimumAndZeroForTheTimersThatZeroDisables() {
        WebSocketServer server = builder().eventLoops(1).maxConnections(1).maxHeadBytes(256).maxHeaders(1)
                .maxFramePayload(125).maxMessageSize(1).outboundWatermarks(0, 1).maxPendingMessages(1)
                .readBufferSize(1024).idleTimeout(Duration.ZERO).pingInterval(Duration.ZERO)
                .slowConsumerTimeout(Duration.ZERO).shutdownTimeout(Duration.ZERO).build();
        ServerSettings s = server.settings();
        assertThat(s.maxHeadBytes()).isEqualTo(256);
        assertThat(s.maxFramePayload()).isEqualTo(125);
        assertThat(s.idleTimeout()).isZero();
        assertThat(server.isRunning()).as("built, not started").isFalse();
        assertThat(server.port()).as("no port before start").isEqualTo(-1);
    }

    @Test
    void settingsCopiesEveryLimitAndTimeoutOntoTheBuilder() {
        ServerSettings custom = new ServerSettings(3, DispatchMode.EVENT_LOOP, 7, 512, 9, 4096, 8192,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 10_000, 1_000, SlowConsumerPolicy.CLOSE, Duration.ofSeconds(6), 11, 2048,
                Duration.ofSeconds(7), List.of("https://a.example"), List.of("X-Trace"));
        assertThat(WebSocketServer.builder().settings(custom).route("/x", ServerEchoTest.ECHO).build().settings())
                .isEqualTo(custom);
        assertThat(custom.captureHeaders()).as("header names are kept lower-case").containsExactly("x-trace");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerSettings d = ServerSettings.defaults();
        assertThat(builder().build().settings()).isEqualTo(d);
        assertThat(d.maxConnections()).isEqualTo(10_000);
        assertThat(d.maxHeadBytes()).isEqualTo(8 * 1024);
        assertThat(d.maxFramePayload()).isEqualTo(1024 * 1024);
        assertThat(d.pingInterval()).isZero();
        assertThat(d.slowConsumerPolicy()).isEqualTo(SlowConsumerPolicy.FAIL_SEND);
        assertThat(d.dispatchMode()).isEqualTo(DispatchMode.VIRTUAL_THREADS);
    }

    @Test
    void twoRoutesForTheSameTemplateAreRefused() {
        assertThatThrownBy(() -> builder().route("/x", ServerEchoTest.ECHO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two routes for /x");
    }

    @Test
    void startingTwiceIsRefusedAndStopIsIdempotent() throws Exception {
        WebSocketServer server = builder().eventLoops(1).build();
        server.stop(Duration.ZERO); // before start: nothing to do
        server.start();
        try {
            assertThat(server.isRunning()).isTrue();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        } finally {
            server.stop(Duration.ofMillis(100));
        }
        assertThat(server.isRunning()).isFalse();
        server.stop(Duration.ofMillis(100)); // again: no effect, no failure
        assertThat(server.toString()).contains(":" + server.port()).contains("0 connections");
    }
}
