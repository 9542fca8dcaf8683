package dev.ws.server;

/** Where handler callbacks run. Either way one session's callbacks run in order, one at a time. */
public enum DispatchMode {

    /**
     * On virtual threads: a session's inbound messages wait in a small per-session queue and the
     * first one starts a virtual thread that drains the queue in order and ends when it is empty.
     * Handlers may block. Nothing waits per idle session. The default.
     *
     * <p>While more messages wait behind the one being handled, its sends are queued and written
     * together, by the event loop soon after or by the virtual thread when the queue empties (or
     * once 64 KiB are queued), rather than one write call per message; a handler that waits for
     * its own send, or sends and then blocks, is therefore not held until the burst ends.
     */
    VIRTUAL_THREADS,

    /**
     * On the session's event loop, inline, right after the bytes are decoded: the fastest path
     * (no thread hop, replies are batched into one write), for handlers that never block.
     */
    EVENT_LOOP
}
