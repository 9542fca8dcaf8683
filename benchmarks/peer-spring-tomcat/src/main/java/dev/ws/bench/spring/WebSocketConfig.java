package dev.ws.bench.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers the echo and broadcast handlers and raises Tomcat's WebSocket buffers, as the Spring reference
 * documentation shows ({@code ServletServerContainerFactoryBean}). Tomcat allocates both message buffers for every
 * session when it opens, so their size shows up in the memory per idle connection: that is the cost Spring users pay
 * to accept 64 KiB messages.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfig implements WebSocketConfigurer {

    /** Buffer size for whole text and binary messages: 64 KiB, the largest message the benchmark sends. */
    static final int MESSAGE_BUFFER_SIZE = 64 * 1024;

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EchoHandler(), "/echo").setAllowedOrigins("*");
        registry.addHandler(new BroadcastHandler(), "/broadcast").setAllowedOrigins("*");
    }

    /** {@return the container settings: 64 KiB message buffers, no session idle timeout} */
    @Bean
    public ServletServerContainerFactoryBean createWebSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MESSAGE_BUFFER_SIZE);
        container.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER_SIZE);
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }
}
