package dev.ws.boot.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The few stream operations the bus needs, so that its logic can be tested without Redis.
 * {@link LettuceStreamLink} is the real one. Apart from {@link #connect()}, nothing here blocks:
 * stages complete on the transport's threads.
 */
interface StreamLink {

    /** An entry of the stream: its id ({@code 1700000000000-0}) and its batch bytes. */
    record Entry(String id, byte[] body) {
    }

    /** Connects; blocks up to the transport's connect timeout (call it on the bus thread only). */
    void connect() throws Exception;

    /** Whether the connections are up now (the transport reconnects by itself after a first connect). */
    boolean isOpen();

    /** Appends an entry (trimming the stream to its bound); completes with the entry's id. */
    CompletionStage<String> add(byte[] body);

    /**
     * The entries after {@code id}, at most the configured count, waiting up to the poll timeout on
     * the server for one to arrive; an empty list when none did.
     */
    CompletionStage<List<Entry>> readAfter(String id);

    /** The id of the stream's last entry, or {@code 0-0} when there is none. */
    CompletionStage<String> lastId();

    /** Closes the connections; pending stages fail. */
    void close();
}
