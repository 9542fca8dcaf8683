package dev.ws.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link WsServerStartException} into a startup report that says what to change. */
class WsServerStartFailureAnalyzer extends AbstractFailureAnalyzer<WsServerStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WsServerStartException cause) {
        if (cause.isPortInUse() && cause.getPort() > 0) {
            return new FailureAnalysis("The WebSocket server could not listen on port " + cause.getPort()
                    + ": the port is already in use (" + cause.getMessage() + ").",
                    "Stop the process that listens on port " + cause.getPort() + ", or set ws.server.port to "
                            + "another port (0 picks a free one).", cause);
        }
        return new FailureAnalysis("The WebSocket server could not start: " + cause.getMessage(),
                "Check the ws.server.* properties (address, port, ssl).", cause);
    }
}
