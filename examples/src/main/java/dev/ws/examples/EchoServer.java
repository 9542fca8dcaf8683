package dev.ws.examples;

import dev.ws.CloseStatus;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.server.DispatchMode;
import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo server on the engine's own runtime ({@code ws-examples.jar server PORT}): echoes every
 * text and binary message on {@code /echo}, and broadcasts on {@code /broadcast}. Handlers run on the event loop (echo never blocks);
 * limits are raised so that the conformance suite's 16 MiB messages fit; permessage-deflate
 * is offered with its defaults (no context takeover, pooled zlib state).
 */
public final class EchoServer {

    /** Room for the suite's largest messages (16 MiB) and then some. */
    static final long MAX_MESSAGE = 64L * 1024 * 1024;

    private EchoServer() {
    }

    /** The echo handler, shared by every session. */
    public static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(WebSocketSession session, ByteBuffer data) {
            session.sendBinary(data);
        }
    };

    /**
     * {@code /broadcast}: a text starting with {@code broadcast:} goes, encoded once, to every session
     * of this endpoint (the sender included); anything else is echoed to its sender. The load
     * benchmark's broadcast scenario uses it (benchmarks/README.md).
     */
    public static final class Broadcast implements WebSocketHandler {

        private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

        @Override
        public void onOpen(WebSocketSession session) {
            sessions.add(session);
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            if (text.startsWith("broadcast:")) {
                PreparedMessage message = PreparedMessage.text(text);
                for (WebSocketSession s : sessions) {
                    s.send(message);
                }
            } else {
                session.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocketSession session, ByteBuffer data) {
            session.sendBinary(data);
        }

        @Override
        public void onClose(WebSocketSession session, CloseStatus status) {
            sessions.remove(session);
        }
    }

    public static WebSocketServer create(int port) {
        return WebSocketServer.builder()
                .port(port)
                .dispatchMode(DispatchMode.EVENT_LOOP)
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .outboundWatermarks(32L * 1024 * 1024, 128L * 1024 * 1024)
                .extensions(PerMessageDeflate.withDefaults())
                .maxConnections(50_000)
                .idleTimeout(Duration.ofMinutes(30))
                .route("/echo", ECHO)
                .route("/broadcast", new Broadcast())
                .build();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        WebSocketServer server = create(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("echo server listening on ws://127.0.0.1:" + server.port() + "/echo");
        Thread.currentThread().join();
    }
}
