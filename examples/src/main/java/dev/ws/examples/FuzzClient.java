package dev.ws.examples;

import dev.ws.client.ClientConnection;
import dev.ws.client.ClientExtension;
import dev.ws.client.Dialer;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.client.HandshakeFailedException;
import dev.ws.client.Received;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drives the client conformance suite ({@code ws-examples.jar fuzzclient BASE_URL AGENT}), the
 * Autobahn fuzzing-server contract: read the case count from {@code BASE_URL/getCaseCount}, run
 * each case on {@code /case/I?agent=AGENT} echoing every message with its type until the
 * connection ends, then call {@code /updateReports}. A refused handshake (cases C.2–C.6) is
 * printed and the next case runs. Uses the blocking {@link ClientConnection} on the main thread.
 */
public final class FuzzClient {

    /** Room for the suite's largest messages (16 MiB) and then some. */
    static final long MAX_MESSAGE = 64L * 1024 * 1024;

    private FuzzClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: fuzzclient BASE_URL [AGENT]");
            System.exit(2);
        }
        String base = args[0].endsWith("/") ? args[0].substring(0, args[0].length() - 1) : args[0];
        String agent = URLEncoder.encode(args.length > 1 ? args[1] : "ws-engine", StandardCharsets.UTF_8);
        Dialer dialer = Dialer.builder()
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .connectTimeout(Duration.ofSeconds(10))
                .extension(ClientExtension.permessageDeflate(PerMessageDeflate.withDefaults()))
                .build();
        int count = caseCount(dialer, base);
        System.out.println("fuzzclient: " + count + " cases at " + base);
        for (int i = 1; i <= count; i++) {
            runCase(dialer, URI.create(base + "/case/" + i + "?agent=" + agent), i);
        }
        try (ClientConnection c = dialer.connect(URI.create(base + "/updateReports?agent=" + agent))) {
            drain(c);
        }
        System.out.println("fuzzclient: done");
    }

    private static int caseCount(Dialer dialer, String base) throws IOException {
        try (ClientConnection c = dialer.connect(URI.create(base + "/getCaseCount"))) {
            while (true) {
                switch (c.receive()) {
                    case Received.Text t -> {
                        drain(c);
                        return Integer.parseInt(t.text().strip());
                    }
                    case Received.Close close -> throw new IOException("no case count: closed with " + close.status());
                    default -> {
                        // pongs: keep waiting
                    }
                }
            }
        }
    }

    private static void runCase(Dialer dialer, URI uri, int index) {
        ClientConnection c;
        try {
            c = dialer.connect(uri);
        } catch (HandshakeFailedException e) {
            System.out.println("case " + index + ": handshake refused: " + e.getMessage());
            return;
        } catch (IOException e) {
            System.out.println("case " + index + ": could not connect: " + e);
            return;
        }
        try (c) {
            while (true) {
                switch (c.receive()) {
                    case Received.Text t -> c.sendText(t.text());
                    case Received.Binary b -> c.sendBinary(b.data());
                    case Received.Pong p -> {
                        // nothing to echo
                    }
                    case Received.Close close -> {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // a send failed: the connection is ending; receive() would report how
        }
    }

    /** Reads until the connection ends. */
    private static void drain(ClientConnection c) {
        while (!(c.receive() instanceof Received.Close)) {
            // discard
        }
    }
}
