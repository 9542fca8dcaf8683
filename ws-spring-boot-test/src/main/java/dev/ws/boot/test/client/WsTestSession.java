package dev.ws.boot.test.client;

import dev.ws.CloseStatus;
import dev.ws.client.ClientHandler;
import dev.ws.client.ClientSession;
import dev.ws.client.Dialer;
import dev.ws.client.Received;
import dev.ws.handler.MessageCodec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One session opened by a {@link WsTestClient}. What the server sends is queued as it arrives;
 * each {@code await} takes the next item, waiting at most the client's timeout:
 * <pre>
 *   events := (text | binary | pong)* close
 * </pre>
 * so a test reads the server's messages in order and ends with the close. Sends wait until the
 * frame is written. Every method returns or fails with an {@link AssertionError} that names the
 * path and what arrived instead; {@code sendXxx} and {@code expectXxx} return this session, for
 * chaining:
 * <pre>{@code
 * session.sendText("hi").expectText("hi").close(1000, "done").expectClose(1000);
 * }</pre>
 *
 * <p>Meant for one test thread; the queue is filled by the connection's reader thread.
 * {@link #close()} (try-with-resources) closes with 1000 if still open and waits for the end.
 */
public final class WsTestSession implements AutoCloseable {

    private final ClientSession session;
    private final String path;
    private final Duration timeout;
    private final MessageCodec codec;
    private final LinkedBlockingQueue<Received> events;
    private CloseStatus closed;

    private WsTestSession(ClientSession session, String path, Duration timeout, MessageCodec codec,
            LinkedBlockingQueue<Received> events) {
        this.session = session;
        this.path = path;
        this.timeout = timeout;
        this.codec = codec;
        this.events = events;
    }

    static WsTestSession open(Dialer dialer, URI uri, String path, Duration timeout, MessageCodec codec)
            throws IOException {
        LinkedBlockingQueue<Received> events = new LinkedBlockingQueue<>();
        ClientSession s = dialer.connect(uri, new ClientHandler() {
            @Override
            public void onText(ClientSession session, String text) {
                events.add(new Received.Text(text));
            }

            @Override
            public void onBinary(ClientSession session, ByteBuffer data) {
                events.add(new Received.Binary(data));
            }

            @Override
            public void onPong(ClientSession session, ByteBuffer data) {
                events.add(new Received.Pong(data));
            }

            @Override
            public void onClose(ClientSession session, CloseStatus status) {
                events.add(new Received.Close(status));
            }
        });
        return new WsTestSession(s, path, timeout, codec, events);
    }

    // ---- sending ---------------------------------------------------------------------------------

    /** Sends a text message and waits until it is written. */
    public WsTestSession sendText(CharSequence text) {
        return sent(session.sendText(text), "text");
    }

    /** Sends a binary message and waits until it is written. */
    public WsTestSession sendBinary(byte[] data) {
        return sent(session.sendBinary(data), "binary");
    }

    /** Sends the bytes between the buffer's position and limit as a binary message. */
    public WsTestSession sendBinary(ByteBuffer data) {
        return sent(session.sendBinary(data), "binary");
    }

    /** Sends a value as a JSON text message, encoded with the client's codec. */
    public WsTestSession sendJson(Object value) {
        String text;
        try {
            text = codec().encode(value);
        } catch (Exception e) {
            throw new AssertionError("could not encode " + value + " as JSON: " + e, e);
        }
        return sendText(text);
    }

    /** Sends a ping (at most 125 bytes); its pong arrives as an event ({@link #awaitPong()}). */
    public WsTestSession sendPing(byte[] data) {
        return sent(session.sendPing(ByteBuffer.wrap(data)), "ping");
    }

    private WsTestSession sent(CompletionStage<Void> stage, String what) {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (ExecutionException e) {
            throw new AssertionError("sending a " + what + " message on " + path + " failed: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("sending a " + what + " message on " + path + " took longer than " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending on " + path, e);
        }
    }

    // ---- receiving -------------------------------------------------------------------------------

    /**
     * The next thing the server sent: a {@link Received.Text}, {@link Received.Binary},
     * {@link Received.Pong} or, once it ended, {@link Received.Close} (and the same close again on
     * every later call).
     *
     * @throws AssertionError when nothing arrives within the timeout
     */
    public Received awaitMessage() {
        Received r = poll(timeout.toNanos());
        if (r == null) {
            throw new AssertionError("nothing arrived on " + path + " within " + timeout);
        }
        return r;
    }

    /** The next event within {@code nanos}, or null; remembers the close (and returns it again after). */
    private Received poll(long nanos) {
        if (closed != null) {
            return new Received.Close(closed);
        }
        Received r;
        try {
            r = events.poll(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting on " + path, e);
        }
        if (r instanceof Received.Close c) {
            closed = c.status();
        }
        return r;
    }

    /** The next message, which must be text. */
    public String awaitText() {
        Received r = awaitMessage();
        if (r instanceof Received.Text t) {
            return t.text();
        }
        throw unexpected("a text message", r);
    }

    /** The next message, which must be binary. */
    public byte[] awaitBinary() {
        Received r = awaitMessage();
        if (r instanceof Received.Binary b) {
            return bytes(b.data());
        }
        throw unexpected("a binary message", r);
    }

    /** The next message, which must be a pong; its payload. */
    public byte[] awaitPong() {
        Received r = awaitMessage();
        if (r instanceof Received.Pong p) {
            return bytes(p.data());
        }
        throw unexpected("a pong", r);
    }

    /** The next message, which must be JSON text, decoded to {@code type} with the client's codec. */
    public <T> T awaitJson(Class<T> type) {
        return type.cast(awaitJson((Type) type));
    }

    /** The next message decoded to a generic type (e.g. from a {@code ParameterizedTypeReference}). */
    public Object awaitJson(Type type) {
        return decode(awaitText(), type);
    }

    /**
     * The first JSON message, decoded to {@code type}, that {@code matches}; the messages before it
     * are decoded, tested and dropped. For a stream with several kinds of message, where a test
     * waits for one of them: {@code chat.awaitJson(ChatEvent.class, e -> e.type().equals("leave"))}.
     * The search as a whole waits at most the client's timeout; the messages after the match stay
     * queued.
     *
     * @throws AssertionError when no message matches within the timeout (saying how many were
     *         skipped, and the last of them), when a message is not JSON of {@code type}, or when
     *         something else (binary, pong, the close) arrives first
     */
    public <T> T awaitJson(Class<T> type, Predicate<? super T> matches) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int skipped = 0;
        String last = null;
        while (true) {
            Received r = poll(deadline - System.nanoTime());
            if (r == null) {
                throw new AssertionError("no JSON message of " + type.getSimpleName() + " that matches arrived on "
                        + path + " within " + timeout + (skipped == 0 ? ""
                                : " (skipped " + skipped + ", the last: " + abbreviate(last) + ")"));
            }
            if (!(r instanceof Received.Text t)) {
                throw unexpected("a JSON message of " + type.getSimpleName() + " that matches (after skipping "
                        + skipped + ")", r);
            }
            T value = type.cast(decode(t.text(), type));
            if (matches.test(value)) {
                return value;
            }
            skipped++;
            last = t.text();
        }
    }

    private Object decode(String text, Type type) {
        try {
            return codec().decode(text, type);
        } catch (Exception e) {
            throw new AssertionError("the message on " + path + " is not JSON of " + type.getTypeName() + ": "
                    + abbreviate(text), e);
        }
    }

    /** Asserts that the next message is this text. */
    public WsTestSession expectText(String expected) {
        String actual = awaitText();
        if (!actual.equals(expected)) {
            throw new AssertionError("expected the text message \"" + abbreviate(expected) + "\" on " + path
                    + " but got \"" + abbreviate(actual) + "\"");
        }
        return this;
    }

    /** Asserts that the next message is binary with these bytes. */
    public WsTestSession expectBinary(byte[] expected) {
        byte[] actual = awaitBinary();
        if (!Arrays.equals(actual, expected)) {
            throw new AssertionError("expected a binary message of " + expected.length + " bytes on " + path
                    + " but got different " + actual.length + " bytes");
        }
        return this;
    }

    /** Asserts that the next message is JSON that decodes to a value equal to {@code expected}. */
    public WsTestSession expectJson(Object expected) {
        Object actual = awaitJson(expected.getClass());
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " on " + path + " but got " + actual);
        }
        return this;
    }

    /** Asserts that nothing (no message, no close) arrives for this long. */
    public WsTestSession expectNoMessage(Duration quiet) {
        Received r = poll(quiet.toNanos());
        if (r != null) {
            throw unexpected("nothing for " + quiet, r);
        }
        return this;
    }

    // ---- closing ---------------------------------------------------------------------------------

    /**
     * Waits for the end of the session: the next event must be the close.
     *
     * @return the server's close status (its reply when this client closed first); 1006 when the
     *         connection dropped without a close frame
     */
    public CloseStatus awaitClose() {
        Received r = awaitMessage();
        if (r instanceof Received.Close c) {
            return c.status();
        }
        throw unexpected("the close", r);
    }

    /** Asserts that the session ends next, with this close code. */
    public WsTestSession expectClose(int code) {
        CloseStatus status = awaitClose();
        if (status.code() != code) {
            throw new AssertionError("expected " + path + " to close with " + code + " but it closed with " + status);
        }
        return this;
    }

    /** Asserts that the session ends next, with this close code and reason. */
    public WsTestSession expectClose(int code, String reason) {
        CloseStatus status = awaitClose();
        if (status.code() != code || !status.reason().equals(reason)) {
            throw new AssertionError("expected " + path + " to close with " + new CloseStatus(code, reason)
                    + " but it closed with " + status);
        }
        return this;
    }

    /**
     * Starts the closing handshake and waits until the connection has ended; the server's reply
     * stays queued for {@link #awaitClose()} / {@link #expectClose} after the messages before it.
     */
    public WsTestSession close(int code, String reason) {
        try {
            session.close(code, reason).toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("closing " + path + " did not complete: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while closing " + path, e);
        }
        return this;
    }

    /** Closes with 1000 if still open and waits for the end; does not assert anything. Idempotent. */
    @Override
    public void close() {
        if (session.isOpen()) {
            try {
                session.close().toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the test is over; the connection is dropped by the client's close timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- state -----------------------------------------------------------------------------------

    /** Whether the session is open: no close frame sent or received. */
    public boolean isOpen() {
        return session.isOpen();
    }

    /** The subprotocol the server selected, or null. */
    public String subprotocol() {
        return session.subprotocol();
    }

    /** The path this session was opened on. */
    public String path() {
        return path;
    }

    /** The engine's client session underneath, for what this class does not cover. */
    public ClientSession clientSession() {
        return session;
    }

    private MessageCodec codec() {
        if (codec == null) {
            throw new IllegalStateException("no MessageCodec for JSON: add Jackson to the test classpath, or use "
                    + "WsTestClient.withCodec(...)");
        }
        return codec;
    }

    private AssertionError unexpected(String expected, Received actual) {
        return new AssertionError("expected " + expected + " on " + path + " but " + describe(actual));
    }

    private static String describe(Received r) {
        return switch (r) {
            case Received.Text t -> "got the text message \"" + abbreviate(t.text()) + "\"";
            case Received.Binary b -> "got a binary message of " + b.data().remaining() + " bytes";
            case Received.Pong p -> "got a pong of " + p.data().remaining() + " bytes";
            case Received.Close c -> "the session closed with " + c.status();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "… (" + s.length() + " chars)";
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }

    @Override
    public String toString() {
        return "WsTestSession[" + path + (closed != null ? ", closed " + closed : isOpen() ? ", open" : ", closing")
                + ", " + events.size() + " queued]";
    }
}
