/**
 * The web server's side of the page: {@code /config.json} tells the page the WebSocket engine's
 * port. The page itself is static ({@code classpath:/static}); the metrics it plots come from the
 * actuator ({@code /actuator/metrics/ws.*}).
 */
package dev.ws.sample.web;
