package dev.ws.boot.test.autoconfigure;

import java.util.stream.Stream;
import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps {@link WsTest}: its {@code properties}, after {@code ws.server.port=0} so that a
 * test may still choose a port.
 */
class WsTestContextBootstrapper extends TestSliceTestContextBootstrapper<WsTest> {

    static final String RANDOM_PORT = "ws.server.port=0";

    @Override
    protected String[] getProperties(Class<?> testClass) {
        String[] own = super.getProperties(testClass);
        return Stream.concat(Stream.of(RANDOM_PORT), own == null ? Stream.empty() : Stream.of(own))
                .toArray(String[]::new);
    }
}
