package dev.ws.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load generator's Netty side: an epoll (or NIO) event loop group, a bootstrap aimed at one server, source
 * addresses spread over {@code 127.0.0.2 ..} so that tens of thousands of connections and handshakes never run out of
 * ephemeral ports, per-loop {@link LoopStats}, and helpers to open many connections with bounded concurrency and to run
 * a task on every loop.
 *
 * <p>Thread safety: all methods may be called from any thread; {@link #openAll} and {@link #onLoops} block the caller
 * and must not be called from an event loop.
 */
final class LoadClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final InetSocketAddress target;
    private final InetSocketAddress[] sources;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final Map<EventExecutor, LoopStats> stats = new ConcurrentHashMap<>();

    /**
     * Creates the client.
     *
     * @param host the server's address (a loopback address)
     * @param port the server's port
     * @param threads event loop threads
     * @param sourceAddresses how many of {@code 127.0.0.2, 127.0.0.3, ...} to bind connections to, round robin;
     *                        0 lets the kernel choose
     */
    LoadClient(String host, int port, int threads, int sourceAddresses) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(host + " is not a loopback address: the load generator targets only"
                    + " this machine");
        }
        this.host = host;
        this.port = port;
        this.target = new InetSocketAddress(address, port);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (epoll) {
            // choose the source port at connect(), by the whole 4-tuple, not at bind() among the address's free ports
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        int count = address instanceof java.net.Inet4Address ? Math.min(sourceAddresses, 250) : 0;
        this.sources = new InetSocketAddress[count];
        for (int i = 0; i < count; i++) {
            sources[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}), 0);
        }
        for (EventExecutor loop : group) {
            stats.put(loop, new LoopStats());
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** {@return the stats of the loop a channel belongs to; call on that loop} */
    LoopStats stats(Channel channel) {
        EventLoop loop = channel.eventLoop();
        return stats.computeIfAbsent(loop, l -> new LoopStats());
    }

    /** Starts connecting; {@code connection.opened} tells how it ends. Safe from any thread, event loops included. */
    void connect(WsConnection connection) {
        connection.connectStartNanos = System.nanoTime();
        Bootstrap b = bootstrap.clone().handler(connection);
        var future = sources.length == 0 ? b.connect(target)
                : b.connect(target, sources[Math.floorMod(nextSource.getAndIncrement(), sources.length)]);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                connection.fail("connect: " + f.cause());
                connection.opened.completeExceptionally(f.cause());
                connection.closed.complete(null);
            }
        });
    }

    /**
     * Opens {@code count} connections, at most {@code concurrency} handshakes at a time, and waits for all of them.
     *
     * @param count how many
     * @param concurrency the most handshakes in progress at once
     * @param factory makes connection {@code i}
     * @param timeout how long to wait in all
     * @return every connection made, open or failed (see {@link WsConnection#failure()})
     * @throws TimeoutException when not all handshakes ended in time
     */
    <C extends WsConnection> List<C> openAll(int count, int concurrency, IntFunction<C> factory, Duration timeout)
            throws InterruptedException, TimeoutException {
        List<C> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(factory.apply(i));
        }
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger next = new AtomicInteger(Math.min(concurrency, count));
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i < count) {
                launch(all.get(i), done, startNext[0]);
            }
        };
        for (int i = 0; i < Math.min(concurrency, count); i++) {
            launch(all.get(i), done, startNext[0]);
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException((count - done.getCount()) + " of " + count + " handshakes ended in " + timeout);
        }
        return all;
    }

    private void launch(WsConnection connection, CountDownLatch done, Runnable startNext) {
        connection.opened.whenComplete((c, e) -> {
            done.countDown();
            startNext.run();
        });
        connect(connection);
    }

    /** Runs a task on every event loop and returns the results, waiting at most 30 s. */
    <T> List<T> onLoops(java.util.function.Function<LoopStats, T> task) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (EventExecutor loop : group) {
            LoopStats s = stats.get(loop);
            futures.add(loop.submit((Callable<T>) () -> task.apply(s)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("loop task failed", e);
            }
        }
        return out;
    }

    /** Resets every loop's counters and histogram at the start of a measurement (see {@link LoopStats#reset()}). */
    void resetStats() throws InterruptedException {
        onLoops(s -> {
            s.reset();
            return null;
        });
    }

    /** Resets every loop's stats, errors included, at the start of a scenario. */
    void resetAllStats() throws InterruptedException {
        onLoops(s -> {
            s.resetAll();
            return null;
        });
    }

    /** {@return the sum of every loop's stats} */
    LoopStats.Snapshot snapshot() throws InterruptedException {
        LoopStats.Snapshot sum = LoopStats.Snapshot.empty();
        for (LoopStats.Snapshot s : onLoops(LoopStats::snapshot)) {
            sum = sum.plus(s);
        }
        return sum;
    }

    /**
     * Starts the closing handshake on every connection and waits for them to close; connections still open after
     * {@code timeout} are closed without it.
     */
    static void closeAll(List<? extends WsConnection> connections, Duration timeout) throws InterruptedException {
        for (WsConnection c : connections) {
            c.close();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (WsConnection c : connections) {
            long left = deadline - System.nanoTime();
            try {
                c.closed.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (c.channel != null) {
                    c.channel.close();
                }
            }
        }
        for (WsConnection c : connections) {
            try {
                c.closed.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // gave up on this one; the group's shutdown closes it
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
