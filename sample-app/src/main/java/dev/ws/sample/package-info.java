/**
 * A Spring Boot application on {@code ws-spring-boot-starter}, configured only through
 * {@code application.yml} and annotated handler beans: {@link dev.ws.sample.EchoHandler} (the
 * conformance suite's target), the chat rooms in {@code dev.ws.sample.chat}, the server-push stream
 * in {@code dev.ws.sample.stats}, and in {@code dev.ws.sample.web} what the browser page needs
 * besides its static files. The WebSocket endpoints listen on {@code ws.server.port}; the page,
 * {@code /config.json} and the actuator on {@code server.port}.
 */
package dev.ws.sample;
