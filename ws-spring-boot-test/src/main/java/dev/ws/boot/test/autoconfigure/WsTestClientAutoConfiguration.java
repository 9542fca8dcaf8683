package dev.ws.boot.test.autoconfigure;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.autoconfigure.WsServerProperties;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.handler.MessageCodec;
import dev.ws.server.WebSocketServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * The {@link WsTestClient} bean of {@link AutoConfigureWsTestClient}: bound to the application's
 * {@link WebSocketServer} (at {@code ws.server.address} when it names one, else 127.0.0.1;
 * {@code wss} when {@code ws.server.ssl.bundle} is set) and its
 * {@link MessageCodec}, so JSON in the test reads as in the handlers.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class)
@ConditionalOnBean(WebSocketServer.class)
public final class WsTestClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsTestClient wsTestClient(WebSocketServer server, ObjectProvider<WsServerProperties> properties,
            ObjectProvider<MessageCodec> codec) {
        WsServerProperties p = properties.getIfAvailable();
        boolean tls = p != null && StringUtils.hasText(p.getSsl().getBundle());
        InetAddress address = p == null ? null : p.getAddress();
        String host = address == null || address.isAnyLocalAddress() ? "127.0.0.1"
                : address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        WsTestClient client = WsTestClient.forServer(server, tls ? "wss" : "ws", host);
        MessageCodec c = codec.getIfAvailable();
        return c == null ? client : client.withCodec(c);
    }
}
