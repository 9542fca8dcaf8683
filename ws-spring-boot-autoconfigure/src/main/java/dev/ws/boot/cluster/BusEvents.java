package dev.ws.boot.cluster;

import dev.ws.handler.BroadcastBus.State;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bus's state and its listeners, in one place: the publisher and the reader report here, and
 * a state change is logged once (not once per failed retry).
 */
final class BusEvents implements BroadcastBusListener {

    private static final Log LOG = LogFactory.getLog(RedisBroadcastBus.class);

    private final String stream;
    private final List<BroadcastBusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.CONNECTING;
    private volatile Instant since = Instant.now();
    private volatile String lastError;

    BusEvents(String stream) {
        this.stream = stream;
    }

    void add(BroadcastBusListener listener) {
        listeners.add(listener);
    }

    State state() {
        return state;
    }

    Instant since() {
        return since;
    }

    /** The last failure's message, or null. */
    String lastError() {
        return lastError;
    }

    void up() {
        if (moveTo(State.UP)) {
            LOG.info("ws cluster bus: connected to Redis, stream " + stream);
        }
    }

    void down(Throwable cause) {
        down(describe(cause));
    }

    void down(String why) {
        lastError = why;
        if (moveTo(State.DOWN)) {
            LOG.warn("ws cluster bus: Redis unreachable (" + why + "); local delivery goes on, "
                    + "messages for the other nodes are buffered and retried");
        }
    }

    void closed() {
        moveTo(State.CLOSED);
    }

    private boolean moveTo(State to) {
        State from;
        synchronized (this) {
            from = state;
            if (from == to || from == State.CLOSED) {
                return false;
            }
            state = to;
            since = Instant.now();
        }
        onStateChanged(from, to);
        return true;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public void onPublished(int messages) {
        for (BroadcastBusListener l : listeners) {
            l.onPublished(messages);
        }
    }

    @Override
    public void onPublishFailed(int messages, String reason) {
        for (BroadcastBusListener l : listeners) {
            l.onPublishFailed(messages, reason);
        }
    }

    @Override
    public void onReceived(long lagMillis) {
        for (BroadcastBusListener l : listeners) {
            l.onReceived(lagMillis);
        }
    }

    @Override
    public void onDuplicates(int messages) {
        for (BroadcastBusListener l : listeners) {
            l.onDuplicates(messages);
        }
    }

    @Override
    public void onLost(long messages) {
        for (BroadcastBusListener l : listeners) {
            l.onLost(messages);
        }
    }

    @Override
    public void onMalformed() {
        for (BroadcastBusListener l : listeners) {
            l.onMalformed();
        }
    }

    @Override
    public void onStateChanged(State from, State to) {
        for (BroadcastBusListener l : listeners) {
            l.onStateChanged(from, to);
        }
    }
}
