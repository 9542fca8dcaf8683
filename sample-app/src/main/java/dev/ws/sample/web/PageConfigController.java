package dev.ws.sample.web;

import dev.ws.sample.stats.StatsHandler;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: what the page needs to know to open its WebSockets. The page comes
 * from the web server ({@code server.port}); the WebSocket engine listens on a port of its own
 * ({@code ws.server.port}, which may be 0), so the page asks here for the port the engine actually
 * got ({@code local.ws.server.port}, published once it listens).
 */
@RestController
public class PageConfigController {

    /**
     * @param wsPort    the engine's port, or 0 when it is not listening (yet)
     * @param chatPath  the chat endpoint's template
     * @param statsPath the stats stream's path
     */
    public record PageConfig(int wsPort, String chatPath, String statsPath) {
    }

    private final Environment environment;

    PageConfigController(Environment environment) {
        this.environment = environment;
    }

    @GetMapping("/config.json")
    PageConfig config() {
        // read per request: the property appears when the engine starts, after this bean exists
        int port = environment.getProperty("local.ws.server.port", Integer.class, 0);
        return new PageConfig(port, "/chat/{room}", StatsHandler.PATH);
    }
}
