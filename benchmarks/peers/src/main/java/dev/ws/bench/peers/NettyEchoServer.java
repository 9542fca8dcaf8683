package dev.ws.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * Netty 4.2 websocketx echo server: {@code HttpServerCodec}, {@code HttpObjectAggregator},
 * {@code WebSocketServerProtocolHandler} (which answers pings and closes), {@code WebSocketFrameAggregator}, then an
 * echo or broadcast handler. Uses epoll when the native transport loads (NIO otherwise), one acceptor thread, the
 * default number of worker threads (2 × available processors) and Netty's default pooled allocator. Replies are
 * written during a read and flushed once per read batch ({@code channelReadComplete}), Netty's usual idiom.
 *
 * <p>Thread safety: {@link #start} and {@link #close} may be called from any thread.
 */
public final class NettyEchoServer implements AutoCloseable {

    private static final byte[] BROADCAST_PREFIX = PeerLimits.BROADCAST_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ChannelGroup broadcastGroup;

    private NettyEchoServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel,
                            ChannelGroup broadcastGroup) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        this.broadcastGroup = broadcastGroup;
    }

    /**
     * Starts the server on all interfaces.
     *
     * @param port the TCP port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server; it accepts connections when this returns
     * @throws InterruptedException when interrupted while binding
     */
    public static NettyEchoServer start(int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        ChannelGroup group = new DefaultChannelGroup("broadcast", GlobalEventExecutor.INSTANCE);
        EchoHandler echo = new EchoHandler();
        BroadcastHandler broadcast = new BroadcastHandler(group);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, PeerLimits.ACCEPT_BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new Router(echo, broadcast));
                        }
                    })
                    .bind(port).sync().channel();
            return new NettyEchoServer(boss, workers, channel, group);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /** {@return the port the server listens on} */
    public int port() {
        return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Closes the listener and every connection, and stops the event loops; waits for them to end. */
    @Override
    public void close() throws InterruptedException {
        serverChannel.close().sync();
        broadcastGroup.close().awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).sync();
        workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    private static WebSocketServerProtocolConfig config(String path) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .maxFramePayloadLength(PeerLimits.MAX_MESSAGE)
                .checkStartsWith(false)
                .build();
    }

    /** Picks the endpoint by request path, installs its WebSocket handlers, then steps out of the pipeline. */
    private static final class Router extends ChannelInboundHandlerAdapter {
        private final EchoHandler echo;
        private final BroadcastHandler broadcast;

        Router(EchoHandler echo, BroadcastHandler broadcast) {
            this.echo = echo;
            this.broadcast = broadcast;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            ChannelInboundHandlerAdapter endpoint = switch (path) {
                case "/echo" -> echo;
                case "/broadcast" -> broadcast;
                default -> null;
            };
            if (endpoint == null) {
                request.release();
                DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(request.protocolVersion(),
                        HttpResponseStatus.NOT_FOUND);
                notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.pipeline().addLast(new WebSocketServerProtocolHandler(config(path)),
                    new WebSocketFrameAggregator(PeerLimits.MAX_MESSAGE), endpoint);
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(request);
        }
    }

    /** Writes every text and binary message back; flushes once per read batch. */
    @Sharable
    static class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Joins the broadcast group once upgraded; fans {@code broadcast:} text out to it, echoes anything else. */
    @Sharable
    static final class BroadcastHandler extends EchoHandler {
        private final ChannelGroup group;

        BroadcastHandler(ChannelGroup group) {
            this.group = group;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                group.add(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text && startsWithPrefix(text.content())) {
                group.writeAndFlush(text);
            } else {
                super.channelRead(ctx, msg);
            }
        }

        private static boolean startsWithPrefix(ByteBuf content) {
            if (content.readableBytes() < BROADCAST_PREFIX.length) {
                return false;
            }
            int at = content.readerIndex();
            for (int i = 0; i < BROADCAST_PREFIX.length; i++) {
                if (content.getByte(at + i) != BROADCAST_PREFIX[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
