package dev.ws.boot.autoconfigure.cluster;

import dev.ws.boot.autoconfigure.WsServerAutoConfiguration;
import dev.ws.boot.cluster.RedisBroadcastBus;
import dev.ws.handler.BroadcastBus;
import io.lettuce.core.AbstractRedisClient;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis Streams {@link BroadcastBus} when {@code ws.cluster.enabled=true}, on the Lettuce
 * client of Boot's {@link LettuceConnectionFactory} ({@code spring.data.redis.*}); the
 * {@code WsSessionRegistry} then publishes every broadcast on it. A {@link BroadcastBus} bean of
 * the application's replaces it. Enabled without Spring Data Redis and Lettuce, or with another
 * connection factory, startup fails and says what is missing: a cluster that silently runs as
 * separate nodes would lose messages unnoticed.
 */
@AutoConfiguration(before = WsServerAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty("ws.cluster.enabled")
@EnableConfigurationProperties(WsClusterProperties.class)
public final class WsClusterAutoConfiguration {

    static final String LETTUCE_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";
    static final String LETTUCE_CLIENT = "io.lettuce.core.RedisClient";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {LETTUCE_FACTORY, LETTUCE_CLIENT})
    static class RedisBusConfiguration {

        @Bean
        @ConditionalOnMissingBean(BroadcastBus.class)
        RedisBroadcastBus wsBroadcastBus(WsClusterProperties properties, ObjectProvider<RedisConnectionFactory> factory) {
            RedisConnectionFactory f = factory.getIfAvailable();
            if (!(f instanceof LettuceConnectionFactory lettuce)) {
                throw new IllegalStateException("ws.cluster.enabled=true needs Spring Boot's Lettuce connection "
                        + "factory (spring.data.redis.*), found " + (f == null ? "no RedisConnectionFactory"
                        : "a " + f.getClass().getName()));
            }
            try {
                return builder(properties, lettuce::getRequiredNativeClient).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid ws.cluster configuration: " + e.getMessage(), e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(LettuceMissingCondition.class)
    static class LettuceMissingConfiguration {

        @Bean
        @ConditionalOnMissingBean(BroadcastBus.class)
        BroadcastBus wsBroadcastBus() {
            throw new IllegalStateException("ws.cluster.enabled=true needs Spring Data Redis with Lettuce on the "
                    + "classpath: add spring-boot-starter-data-redis, or define a BroadcastBus bean");
        }
    }

    /** Copies {@code ws.cluster.*} onto the bus's builder. */
    static RedisBroadcastBus.Builder builder(WsClusterProperties p, Supplier<? extends AbstractRedisClient> client) {
        RedisBroadcastBus.Builder b = RedisBroadcastBus.builder(client);
        PropertyMapper map = PropertyMapper.get();
        WsClusterProperties.Redis redis = p.getRedis();
        map.from(redis::getStream).to(b::stream);
        map.from(redis::getMaxLength).to(b::maxLength);
        map.from(redis::getPollTimeout).to(b::pollTimeout);
        map.from(redis::getReadCount).to(b::readCount);
        map.from(redis::getCommandTimeout).to(b::commandTimeout);
        map.from(redis::getRetryInterval).to(b::retryInterval);
        WsClusterProperties.Buffer buffer = p.getBuffer();
        map.from(buffer::getMaxMessages).to(b::bufferMaxMessages);
        map.from(buffer::getMaxSize).as(s -> s.toBytes()).to(b::bufferMaxBytes);
        map.from(buffer::getMaxAge).to(b::bufferMaxAge);
        WsClusterProperties.Batch batch = p.getBatch();
        map.from(batch::getMaxMessages).to(b::batchMaxMessages);
        map.from(batch::getMaxSize).as(s -> {
            if (s.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch.max-size must be below 2GB, got " + s);
            }
            return (int) s.toBytes();
        }).to(b::batchMaxBytes);
        map.from(p::getShutdownTimeout).to(b::shutdownTimeout);
        return b;
    }

    /** Spring Data Redis's Lettuce factory or Lettuce itself is missing. */
    static class LettuceMissingCondition extends NoneNestedConditions {

        LettuceMissingCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnClass(name = {LETTUCE_FACTORY, LETTUCE_CLIENT})
        static class LettucePresent {
        }
    }
}
