package dev.ws.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ws.bench.peers.JettyEchoServer;
import dev.ws.bench.peers.NettyEchoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each scenario briefly against in-process peers on loopback, port 0: pins that they complete without errors
 * and report their figures, and that a server whose echo differs from what was sent fails the scenario.
 */
class ScenariosTest {

    private static final Duration WARMUP = Duration.ofMillis(200);
    private static final Duration MEASURE = Duration.ofMillis(500);

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
    void echoScenariosCountEveryMessageWithoutErrors(Peer peer) throws Exception {
        try (AutoCloseable server = peer.starter().start();
             LoadClient client = new LoadClient("127.0.0.1", port(server), 1, 8)) {
            long pid = ProcessHandle.current().pid();
            Scenarios scenarios = new Scenarios(client, peer.name(), WsConnection.OP_BINARY, pid);
            for (int size : new int[] {32, 1024, 65536}) {
                Map<String, Object> r = scenarios.echo("throughput", 8, size, Main.defaultWindow(size), WARMUP,
                        MEASURE);
                assertThat(r).containsEntry("ok", true).containsEntry("errors", 0L);
                assertThat((Long) r.get("msgs")).isPositive();
                assertThat((Double) r.get("p99_us")).isPositive();
                assertThat(r).containsKeys("msgs_per_s", "mb_per_s", "server_cpu", "loadgen_cpu");
            }
            Scenarios text = new Scenarios(client, peer.name(), WsConnection.OP_TEXT, 0);
            assertThat(text.echo("latency", 1, 1024, 1, WARMUP, MEASURE)).containsEntry("ok", true)
                    .containsEntry("opcode", "text");
        }
    }

    @ParameterizedTest
    @MethodSource("peers")
    void handshakeAndBroadcastScenariosComplete(Peer peer) throws Exception {
        try (AutoCloseable server = peer.starter().start();
             LoadClient client = new LoadClient("127.0.0.1", port(server), 1, 8)) {
            Scenarios scenarios = new Scenarios(client, peer.name(), WsConnection.OP_BINARY, 0);
            Map<String, Object> h = scenarios.handshakes(4, WARMUP, MEASURE);
            assertThat(h).containsEntry("ok", true).containsEntry("failures", 0L);
            assertThat((Long) h.get("handshakes")).isPositive();
            Map<String, Object> b = scenarios.broadcast(50, 1, 3, 64);
            assertThat(b).containsEntry("ok", true);
            assertThat((Double) b.get("max_ms")).isGreaterThanOrEqualTo((Double) b.get("min_ms"));
        }
    }

    @Test
    void idleMemoryReadsHeapAndRssOfTheServerProcess() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start(0);
             LoadClient client = new LoadClient("127.0.0.1", server.port(), 1, 8)) {
            Scenarios scenarios = new Scenarios(client, "netty", WsConnection.OP_BINARY,
                    ProcessHandle.current().pid());
            Map<String, Object> r = scenarios.idleMemory(200, Duration.ofMillis(100));
            assertThat(r).containsEntry("ok", true).containsEntry("open_after", 200);
            assertThat((Long) r.get("heap_base_kb")).isPositive();
            assertThat((Long) r.get("rss_kb")).isPositive();
            assertThat(r).containsKeys("heap_per_conn_b", "rss_per_conn_b", "total_per_conn_b");
        }
    }

    @Test
    void memoryScenarioNeedsTheServerPid() throws Exception {
        try (LoadClient client = new LoadClient("127.0.0.1", 1, 1, 0)) {
            Map<String, Object> r = new Scenarios(client, "x", WsConnection.OP_BINARY, 0).idleMemory(1, WARMUP);
            assertThat(r).containsEntry("ok", false);
            assertThat((String) r.get("error")).contains("--server-pid");
        }
    }

    @Test
    void failsWhenTheEchoDiffersFromWhatWasSent() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel corrupting = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new WebSocketServerProtocolHandler("/echo", null, false, 1 << 20),
                                    new SimpleChannelInboundHandler<BinaryWebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx,
                                                                    BinaryWebSocketFrame frame) {
                                            var content = frame.content();
                                            int last = content.writerIndex() - 1;
                                            content.setByte(last, content.getByte(last) ^ 1);
                                            ctx.writeAndFlush(frame.retain());
                                        }
                                    });
                        }
                    }).bind(0).sync().channel();
            int port = ((InetSocketAddress) corrupting.localAddress()).getPort();
            try (LoadClient client = new LoadClient("127.0.0.1", port, 1, 0)) {
                Map<String, Object> r = new Scenarios(client, "corrupting", WsConnection.OP_BINARY, 0)
                        .echo("throughput", 2, 1024, 4, WARMUP, MEASURE);
                assertThat(r).containsEntry("ok", false);
                assertThat((String) r.get("error")).contains("echo differs");
            }
            corrupting.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }
}
