package dev.ws.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import dev.ws.Side;
import dev.ws.message.MessageAssembler;
import dev.ws.message.MessageListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread. It owns a read buffer and a handshake scratch buffer that every connection
 * of this loop borrows for the duration of one readiness event, so an idle connection holds none.
 * Other threads talk to it through {@link #execute(Runnable)}.
 */
final class EventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    final WebSocketServer server;
    final Selector selector;
    final ByteBuffer readBuffer;
    /** Where plain-TCP reads land before they are copied into {@link #readBuffer}. */
    final ByteBuffer directReadBuffer;
    /** Where handshake responses are rendered before being written. */
    final ByteBuffer handshakeOut = ByteBuffer.allocate(4096);
    final Thread thread;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Idle assemblers lent to connections while bytes arrive (loop-confined). */
    private final ArrayDeque<MessageAssembler> spareAssemblers = new ArrayDeque<>();
    private static final int MAX_SPARE_ASSEMBLERS = 1024;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final long tickNanos;
    private long nextTick;
    private volatile boolean running = true;

    EventLoop(WebSocketServer server, int index, long tickNanos) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.readBuffer = ByteBuffer.allocate(server.settings().readBufferSize());
        this.directReadBuffer = ByteBuffer.allocateDirect(server.settings().readBufferSize());
        this.tickNanos = tickNanos;
        this.thread = Thread.ofPlatform().name("ws-loop-" + index).daemon(false).unstarted(this);
    }

    /** An assembler for a connection of this loop: a spare one rebound to it, or a new one. */
    MessageAssembler takeAssembler(MessageListener listener) {
        MessageAssembler a = spareAssemblers.poll();
        if (a == null) {
            ServerSettings s = server.settings();
            return new MessageAssembler(Side.SERVER, s.maxFramePayload(), s.maxMessageSize(), listener);
        }
        a.rebind(listener);
        return a;
    }

    /** Takes back an assembler that holds nothing of its connection ({@link MessageAssembler#isReusable()}). */
    void giveBack(MessageAssembler assembler) {
        if (spareAssemblers.size() < MAX_SPARE_ASSEMBLERS) {
            spareAssemblers.push(assembler);
        }
    }

    /** Whether the caller runs on this loop's thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task on this loop, soon (thread-safe). Tasks after {@link #shutdown()} are dropped. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Runs a task now when on this loop, else queues it. */
    void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    void shutdown() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                long wait = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                if (tasks.isEmpty()) {
                    selector.select(this::onSelected, wait);
                } else {
                    selector.selectNow(this::onSelected);
                }
                wakeupPending.set(false);
                runTasks();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    tick(now);
                    nextTick = now + tickNanos;
                }
            }
        } catch (ClosedSelectorException e) {
            // closing
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "event loop " + thread.getName() + " failed", t);
        } finally {
            closeAll();
        }
    }

    private void onSelected(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (attachment instanceof Connection c) {
                c.onReady(key.readyOps());
            } else if (attachment instanceof Acceptor a) {
                a.accept();
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + attachment, t);
            if (attachment instanceof Connection c) {
                c.abort(t);
            }
        }
    }

    private void runTasks() {
        for (int i = 0, n = 4096; i < n; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "event loop task failed", t);
            }
        }
    }

    /** Checks every connection's timers. */
    private void tick(long now) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c) {
                try {
                    c.tick(now);
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.ERROR, "timer failure on " + c, t);
                    c.abort(t);
                }
            }
        }
    }

    /** The connections of this loop (a snapshot; call on the loop). */
    List<Connection> connections() {
        List<Connection> list = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Connection c) {
                list.add(c);
            }
        }
        return list;
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c) {
                c.abort(null);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing selector", e);
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
