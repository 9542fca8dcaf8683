package dev.ws.boot;

import dev.ws.server.WebSocketServer;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link WebSocketServer} once the context is refreshed and every singleton exists, and
 * stops it gracefully when the context closes: 1001 Going Away to every session, a wait of at most
 * the grace period for their close replies, then the remaining connections are dropped.
 *
 * <p>It starts late and stops early ({@link #PHASE}, the phase of Boot's graceful web server
 * shutdown), so handlers can still use other beans while sessions close. A port that cannot be
 * bound fails startup with a {@link WsServerStartException}. Not restartable: the server stays
 * up while the context is paused ({@link #isPauseable()}), and once stopped it does not start again.
 */
public class WsServerLifecycle implements SmartLifecycle {

    /** Start after, and stop before, lifecycle beans of the default phase's neighbourhood. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Log LOG = LogFactory.getLog(WsServerLifecycle.class);

    private final WebSocketServer server;
    private final int configuredPort;
    private final Duration gracePeriod;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    /**
     * @param server         the server to run; started here unless its owner started it
     * @param configuredPort the port it was configured with, for the failure report (-1 if unknown)
     * @param gracePeriod    how long {@link #stop()} waits for sessions to close after 1001
     * @param events         where {@link WsServerStartedEvent} is published
     */
    public WsServerLifecycle(WebSocketServer server, int configuredPort, Duration gracePeriod,
            ApplicationEventPublisher events) {
        this.server = server;
        this.configuredPort = configuredPort;
        this.gracePeriod = gracePeriod;
        this.events = events;
    }

    @Override
    public void start() {
        if (server.port() != -1 && !server.isRunning()) {
            throw new IllegalStateException("the WebSocket server on port " + server.port()
                    + " was stopped and cannot be started again");
        }
        if (server.port() == -1) { // not started by its owner already
            try {
                server.start();
            } catch (IOException e) {
                boolean inUse = e instanceof BindException || e.getCause() instanceof BindException;
                throw new WsServerStartException(configuredPort, inUse,
                        "WebSocket server failed to start: " + e.getMessage(), e);
            }
        }
        running = true;
        events.publishEvent(new WsServerStartedEvent(server));
    }

    @Override
    public void stop() {
        if (running) {
            running = false;
            server.stop(gracePeriod);
        }
    }

    @Override
    public void stop(Runnable callback) {
        if (!running) {
            callback.run();
            return;
        }
        Thread.ofPlatform().name("ws-shutdown").start(() -> {
            try {
                stop();
            } catch (RuntimeException e) {
                LOG.warn("WebSocket server did not stop cleanly", e);
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * False: a paused context keeps its server listening, on the same port. Spring's test context
     * cache pauses the contexts it is not using (Spring Framework 7) and restarts them when a test
     * needs them again, but a {@link WebSocketServer} cannot start again once stopped, and clients
     * and {@code local.ws.server.port} know its port.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The server this lifecycle runs. */
    public WebSocketServer getServer() {
        return server;
    }
}
