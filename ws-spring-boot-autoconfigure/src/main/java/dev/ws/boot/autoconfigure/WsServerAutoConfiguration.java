package dev.ws.boot.autoconfigure;

import dev.ws.ExtensionNegotiator;
import dev.ws.OpCode;
import dev.ws.deflate.PerMessageDeflate;
import dev.ws.boot.CompositeServerListener;
import dev.ws.boot.JacksonMessageCodec;
import dev.ws.boot.WsHandlerDecorator;
import dev.ws.boot.WsHandlerEndpoints;
import dev.ws.boot.WsServerLifecycle;
import dev.ws.boot.WsTrafficLogger;
import dev.ws.handler.BroadcastBus;
import dev.ws.handler.InMemoryBroadcastBus;
import dev.ws.handler.MessageCodec;
import dev.ws.handler.WsSessionRegistry;
import dev.ws.server.FrameListener;
import dev.ws.server.HandshakeInterceptor;
import dev.ws.server.ServerListener;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the ws engine on its own port when the application has {@link dev.ws.handler.WsHandler}
 * beans (or a {@link WebSocketServer} of its own) and {@code ws.server.enabled} is not false.
 *
 * <p>Beans, each replaceable: the {@link WsSessionRegistry} (on the application's
 * {@link BroadcastBus}, such as the Redis one of {@code ws.cluster.enabled=true}, else a lone
 * in-memory node), a Jackson {@link MessageCodec} when
 * Jackson is present, the {@link WsHandlerEndpoints}, the {@link WebSocketServer} built from
 * {@link WsServerProperties} plus every {@link HandshakeInterceptor}, {@link ServerListener},
 * {@link FrameListener}, {@link WsHandlerDecorator} and {@link WsServerCustomizer} bean (in
 * order), the {@link WsTrafficLogger} when {@code ws.server.log-traffic=true}, and the
 * {@link WsServerLifecycle} that starts it after the refresh and stops it gracefully.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ws.server.enabled", matchIfMissing = true)
@Conditional(OnWsEndpointsCondition.class)
@EnableConfigurationProperties(WsServerProperties.class)
public final class WsServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsSessionRegistry wsSessionRegistry(ObjectProvider<MessageCodec> codec, ObjectProvider<BroadcastBus> bus) {
        return new WsSessionRegistry(codec.getIfAvailable(), bus.getIfAvailable(InMemoryBroadcastBus::new));
    }

    @Bean
    @ConditionalOnMissingBean
    WsHandlerEndpoints wsHandlerEndpoints(ListableBeanFactory beans, ObjectProvider<MessageCodec> codec,
            WsSessionRegistry registry) {
        return WsHandlerEndpoints.discover(beans, codec.getIfAvailable(), registry);
    }

    @Bean
    @ConditionalOnMissingBean
    WebSocketServer wsServer(WsServerProperties properties, WsHandlerEndpoints endpoints,
            ObjectProvider<HandshakeInterceptor> interceptors, ObjectProvider<ServerListener> listeners,
            ObjectProvider<FrameListener> frameListeners, ObjectProvider<WsHandlerDecorator> decorators,
            ObjectProvider<ExtensionNegotiator> extensions, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<WsServerCustomizer> customizers) {
        WebSocketServer.Builder builder = WebSocketServer.builder();
        try {
            WsServerPropertiesMapper.apply(properties, builder);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid ws.server configuration: " + e.getMessage(), e);
        }
        endpoints.addTo(builder, decorators.orderedStream().toList());
        interceptors.orderedStream().forEach(builder::interceptor);
        builder.listener(CompositeServerListener.of(listeners.orderedStream().toList()));
        builder.frameListener(frameListener(frameListeners.orderedStream().toList()));
        ExtensionNegotiator negotiator = extensions.getIfAvailable();
        if (negotiator != null) {
            builder.extensions(negotiator);
        }
        configureTls(properties.getSsl(), sslBundles, builder);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid ws.server configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Frame-by-frame traffic at DEBUG on "dev.ws.traffic" when {@code ws.server.log-traffic=true};
     * also a {@link ServerListener} (opens, closes, rejections).
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("ws.server.log-traffic")
    WsTrafficLogger wsTrafficLogger(WsServerProperties properties) {
        return new WsTrafficLogger(WsServerPropertiesMapper.intBytes(properties.getLogTrafficPayloadLimit(),
                "log-traffic-payload-limit"));
    }

    /** permessage-deflate when {@code ws.server.compression.enabled=true}; its pools end with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ExtensionNegotiator.class)
    @ConditionalOnProperty(prefix = "ws.server.compression", name = "enabled", havingValue = "true")
    PerMessageDeflate wsPerMessageDeflate(WsServerProperties properties) {
        return WsCompression.perMessageDeflate(properties.getCompression());
    }

    @Bean
    @ConditionalOnMissingBean
    WsServerLifecycle wsServerLifecycle(WebSocketServer server, WsServerProperties properties,
            ApplicationEventPublisher events) {
        return new WsServerLifecycle(server, properties.getPort(), properties.getShutdown().getGracePeriod(), events);
    }

    /** None (null: the engine then does nothing per frame), the one, or all of them in order. */
    private static FrameListener frameListener(List<FrameListener> listeners) {
        if (listeners.size() <= 1) {
            return listeners.isEmpty() ? null : listeners.get(0);
        }
        FrameListener[] all = listeners.toArray(FrameListener[]::new);
        return new FrameListener() {
            @Override
            public void onReceived(WebSocketSession session, OpCode type, ByteBuffer payload) {
                for (FrameListener l : all) {
                    l.onReceived(session, type, payload.duplicate());
                }
            }

            @Override
            public void onSent(WebSocketSession session, OpCode type, ByteBuffer payload) {
                for (FrameListener l : all) {
                    l.onSent(session, type, payload.duplicate());
                }
            }
        };
    }

    private static void configureTls(WsServerProperties.Ssl ssl, ObjectProvider<SslBundles> sslBundles,
            WebSocketServer.Builder builder) {
        String name = ssl.getBundle();
        if (!StringUtils.hasText(name)) {
            return;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw new IllegalStateException("ws.server.ssl.bundle=" + name + " but the application has no SslBundles");
        }
        SslBundle bundle = bundles.getBundle(name);
        SSLContext context = bundle.createSslContext();
        SslOptions options = bundle.getOptions();
        WsServerProperties.ClientAuth clientAuth = ssl.getClientAuth();
        builder.tls(context, params -> {
            if (options.getCiphers() != null) {
                params.setCipherSuites(options.getCiphers());
            }
            if (options.getEnabledProtocols() != null) {
                params.setProtocols(options.getEnabledProtocols());
            }
            switch (clientAuth) {
                case NEED -> params.setNeedClientAuth(true);
                case WANT -> params.setWantClientAuth(true);
                case NONE -> { }
            }
        });
    }

    /** JSON for message objects through the application's Jackson {@link JsonMapper}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonCodecConfiguration {

        @Bean
        @ConditionalOnMissingBean(MessageCodec.class)
        JacksonMessageCodec wsMessageCodec(ObjectProvider<JsonMapper> mapper) {
            return new JacksonMessageCodec(mapper.getIfAvailable(JsonMapper::shared));
        }
    }
}
