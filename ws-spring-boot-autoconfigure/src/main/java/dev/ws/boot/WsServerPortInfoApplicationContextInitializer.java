package dev.ws.boot;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the bound port of the WebSocket server as the {@code local.ws.server.port} property
 * when a {@link WsServerStartedEvent} arrives, like Boot's {@code local.server.port}. Registered
 * through {@code META-INF/spring.factories}.
 */
public class WsServerPortInfoApplicationContextInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The property that holds the bound port. */
    public static final String PROPERTY = "local.ws.server.port";

    private static final String SOURCE = "ws.server.ports";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addApplicationListener((ApplicationListener<WsServerStartedEvent>) event ->
                setPort(context.getEnvironment(), event.getServer().port()));
    }

    @SuppressWarnings("unchecked")
    private static void setPort(ConfigurableEnvironment environment, int port) {
        MutablePropertySources sources = environment.getPropertySources();
        PropertySource<?> source = sources.get(SOURCE);
        if (source == null) {
            source = new MapPropertySource(SOURCE, new HashMap<>());
            sources.addFirst(source);
        }
        ((Map<String, Object>) source.getSource()).put(PROPERTY, port);
    }
}
