package io.caravan.events;

import java.util.concurrent.atomic.AtomicBoolean;

import io.caravan.platform.CaravanService;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;
import io.caravan.platform.ConditionalOnService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Watches the producer's connection to Redis, and says when the {@code CreateStream} marker is due:
 * on the first successful PING after start-up, and on the first after a lost connection. A loss is
 * seen both by a failing PING and by Lettuce's own disconnect event, so a Redis restart shorter than
 * one PING period is not missed.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class RedisLiveness {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLiveness.class);

    private final StringRedisTemplate redis;
    private final AtomicBoolean markerWritten = new AtomicBoolean();
    private volatile boolean reachable = true;

    private final Disposable subscription;

    RedisLiveness(StringRedisTemplate redis, ClientResources lettuce) {
        this.redis = redis;
        this.subscription = lettuce.eventBus().get()
                .filter(ConnectionDeactivatedEvent.class::isInstance)
                .subscribe(event -> markerWritten.set(false));
    }

    @PreDestroy
    void close() {
        subscription.dispose();
    }

    /** True when Redis answers and no marker was written since the start or the last lost connection. */
    public boolean markerDue() {
        try {
            redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping());
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warn("Redis is unreachable ({}); the stream marker is written again when it is back", e.getMessage());
            }
            reachable = false;
            markerWritten.set(false);
            return false;
        }
        reachable = true;
        return !markerWritten.get();
    }

    public void markerWritten() {
        markerWritten.set(true);
    }
}
