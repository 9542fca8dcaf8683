package dev.ws.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A taken port is reported with the port and what to change. */
class WsServerStartFailureAnalyzerTest {

    private final WsServerStartFailureAnalyzer analyzer = new WsServerStartFailureAnalyzer();

    @Test
    void explainsATakenPort() {
        WsServerStartException e = new WsServerStartException(8025, true, "cannot listen on 0.0.0.0:8025",
                new BindException("Address already in use"));
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("wrapped", e));
        assertThat(analysis.getDescription()).contains("could not listen on port 8025")
                .contains("already in use");
        assertThat(analysis.getAction()).contains("ws.server.port").contains("8025");
    }

    @Test
    void explainsOtherStartFailures() {
        WsServerStartException e = new WsServerStartException(-1, false, "no such address", null);
        assertThat(analyzer.analyze(e).getDescription()).contains("no such address");
    }
}
