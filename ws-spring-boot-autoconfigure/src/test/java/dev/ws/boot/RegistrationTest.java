package dev.ws.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The auto-configurations, the initializer and the failure analyzer are registered where Boot looks. */
class RegistrationTest {

    @Test
    void autoConfigurationsAreListedSorted() {
        List<String> imports = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(imports::add);
        List<String> ours = imports.stream().filter(c -> c.startsWith("dev.ws.")).toList();
        assertThat(ours).containsExactly("dev.ws.boot.autoconfigure.WsHandlerScanAutoConfiguration",
                "dev.ws.boot.autoconfigure.WsServerAutoConfiguration",
                "dev.ws.boot.autoconfigure.actuate.WsEndpointAutoConfiguration",
                "dev.ws.boot.autoconfigure.cluster.WsClusterAutoConfiguration",
                "dev.ws.boot.autoconfigure.health.WsClusterHealthContributorAutoConfiguration",
                "dev.ws.boot.autoconfigure.health.WsHealthContributorAutoConfiguration",
                "dev.ws.boot.autoconfigure.metrics.WsClusterMetricsAutoConfiguration",
                "dev.ws.boot.autoconfigure.metrics.WsServerMetricsAutoConfiguration",
                "dev.ws.boot.autoconfigure.observation.WsServerObservationAutoConfiguration");
        assertThat(ours).isSorted();
    }

    @Test
    void initializerAndFailureAnalyzerAreInSpringFactories() {
        SpringFactoriesLoader loader = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader());
        assertThat(loader.load(ApplicationContextInitializer.class))
                .anyMatch(i -> i instanceof WsServerPortInfoApplicationContextInitializer);
        // Boot's own analyzers need constructor arguments; skip those that cannot be built here
        SpringFactoriesLoader.FailureHandler skip = SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { });
        assertThat(loader.load(FailureAnalyzer.class, skip)).anyMatch(a -> a instanceof WsServerStartFailureAnalyzer);
    }
}
