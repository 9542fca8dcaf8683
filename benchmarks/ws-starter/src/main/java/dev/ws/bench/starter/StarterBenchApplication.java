package dev.ws.bench.starter;

import dev.ws.handler.OnMessage;
import dev.ws.handler.WsHandler;
import dev.ws.handler.WsSessionRegistry;
import java.nio.ByteBuffer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Our engine through the Spring Boot starter, as a Spring user would write it, for the load
 * benchmark (benchmarks/README.md): {@code /echo} and {@code /broadcast} with the starter's defaults
 * (virtual-thread dispatch), limits raised like every peer's.
 */
@SpringBootApplication
public class StarterBenchApplication {

    public static void main(String[] args) {
        SpringApplication.run(StarterBenchApplication.class, args);
    }

    /** Echoes every message as it came. */
    @WsHandler("/echo")
    public static class Echo {

        @OnMessage
        String text(String text) {
            return text;
        }

        @OnMessage
        ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }

    /** {@code broadcast:…} goes to every session of this endpoint, encoded once; anything else is echoed. */
    @WsHandler("/broadcast")
    public static class Broadcast {

        private final WsSessionRegistry registry;

        public Broadcast(WsSessionRegistry registry) {
            this.registry = registry;
        }

        @OnMessage
        String text(String text) {
            if (text.startsWith("broadcast:")) {
                registry.broadcast("/broadcast", text);
                return null;
            }
            return text;
        }

        @OnMessage
        ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }
}
