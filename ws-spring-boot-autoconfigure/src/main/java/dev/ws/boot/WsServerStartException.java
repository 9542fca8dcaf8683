package dev.ws.boot;

/**
 * The WebSocket server could not start, typically because its port is taken. Fails the
 * application's startup; {@link WsServerStartFailureAnalyzer} explains it.
 */
public class WsServerStartException extends RuntimeException {

    private final int port;
    private final boolean portInUse;

    public WsServerStartException(int port, boolean portInUse, String message, Throwable cause) {
        super(message, cause);
        this.port = port;
        this.portInUse = portInUse;
    }

    /** The port the server tried to bind. */
    public int getPort() {
        return port;
    }

    /** Whether the port was already in use. */
    public boolean isPortInUse() {
        return portInUse;
    }
}
