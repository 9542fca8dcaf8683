package dev.ws.sample.chat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The chat's {@link RoomPresence}: this instance's members by default, Redis's with
 * {@code ws.cluster.enabled=true} (the same switch, and the same {@code spring.data.redis.*}, as
 * the starter's cluster bus).
 */
@Configuration(proxyBeanMethods = false)
class ChatPresenceConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "ws.cluster.enabled", havingValue = false, matchIfMissing = true)
    LocalPresence localPresence() {
        return new LocalPresence();
    }

    @Bean(destroyMethod = "leaveCluster")
    @ConditionalOnBooleanProperty("ws.cluster.enabled")
    RedisPresence redisPresence(StringRedisTemplate redis) {
        return new RedisPresence(redis);
    }
}
