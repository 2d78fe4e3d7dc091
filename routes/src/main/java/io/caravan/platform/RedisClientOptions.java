package io.caravan.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce settings for a platform that must notice a lost Redis at once and recover by itself:
 * commands fail immediately while disconnected (a client gets its 500 now, not after the command
 * timeout), and reconnect attempts never back off beyond {@code caravan.redis.reconnect-delay-max},
 * so a Redis that comes back is used again within that delay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClientOptions.class)
public class RedisClientOptions {

    @Bean
    LettuceClientConfigurationBuilderCustomizer caravanRedisClientOptions(
            @Value("${spring.data.redis.connect-timeout:2s}") Duration connectTimeout) {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    @Bean
    ClientResourcesBuilderCustomizer caravanRedisReconnectDelay(CaravanProperties caravan) {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), caravan.redis().reconnectDelayMax(), 2, TimeUnit.MILLISECONDS));
    }
}
