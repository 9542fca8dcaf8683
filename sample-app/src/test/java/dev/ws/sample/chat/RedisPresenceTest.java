package dev.ws.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;

/** With Redis failing, the presence answers from this instance's members and leaves Redis alone for a while. */
class RedisPresenceTest {

    @Test
    void fallsBackToThisInstancesMembersAndBacksOff() {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        when(redis.opsForHash()).thenThrow(new RedisConnectionFailureException("Redis down (expected by the test)"));
        RedisPresence presence = new RedisPresence(redis);

        assertThat(presence.claim("lobby", "sam")).isEqualTo("sam");
        assertThat(presence.claim("lobby", "Sam")).isEqualTo("Sam (2)"); // unique here at least
        assertThat(presence.members("lobby")).containsExactly("sam", "Sam (2)");
        presence.release("lobby", "sam");
        assertThat(presence.members("lobby")).containsExactly("Sam (2)");

        verify(redis, times(1)).opsForHash(); // the first failure; then Redis is left alone for the backoff
    }
}
