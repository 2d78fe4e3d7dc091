package io.caravan.platform.redisstream;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code redis-stream:<key>?options}: XADD producer and consumer-group consumer for Redis Streams,
 * on Spring Data Redis. Camel's spring-redis component has no stream commands.
 */
@Component("redis-stream")
public class RedisStreamComponent extends DefaultComponent {

    private RedisConnectionFactory connectionFactory;

    public RedisStreamComponent() {
    }

    public RedisStreamComponent(RedisConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("redis-stream needs a stream key: redis-stream:<key>");
        }
        RedisStreamEndpoint endpoint = new RedisStreamEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The connection factory: set explicitly, else the single one in the registry (Spring's). */
    RedisConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            connectionFactory = getCamelContext().getRegistry().findSingleByType(RedisConnectionFactory.class);
            if (connectionFactory == null) {
                throw new IllegalStateException("redis-stream: no RedisConnectionFactory in the registry");
            }
        }
        return connectionFactory;
    }

    public void setConnectionFactory(RedisConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }
}
