package io.caravan.platform.redisstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code redis-stream:<key>?options}: XADD producer and consumer-group consumer for Redis Streams,
 * on Spring Data Redis. Camel's spring-redis component has no stream commands.
 *
 * <p>Connections: an endpoint with a {@code redisUrl} (its own, else the component's) uses a Lettuce
 * connection factory this component makes for that URL, shared by the endpoints with the same URL and
 * destroyed when the component stops; without one it uses the connection factory set on the component,
 * else the single {@link RedisConnectionFactory} in the registry (the Spring application's).
 */
@Component("redis-stream")
public class RedisStreamComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamComponent.class);

    private RedisConnectionFactory connectionFactory;
    @Metadata(label = "common", description = "Redis to connect to when an endpoint names none:"
            + " redis://[[user]:password@]host:port[/db], rediss:// for TLS, redis-sentinel://host:port[,host:port]/[db]#master;"
            + " unset: the RedisConnectionFactory of the registry")
    private String redisUrl;
    @Metadata(label = "security", secret = true, description = "Password for redisUrl, when it is not part of the URL")
    private String redisPassword;

    /** The connection factories this component made, by URL (and password); destroyed when it stops. */
    private final Map<String, LettuceConnectionFactory> ownFactories = new ConcurrentHashMap<>();

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
        endpoint.setRedisUrl(redisUrl);
        endpoint.setRedisPassword(redisPassword);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The connection factory: set explicitly, else the single one in the registry (Spring's). */
    RedisConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            connectionFactory = getCamelContext().getRegistry().findSingleByType(RedisConnectionFactory.class);
            if (connectionFactory == null) {
                throw new IllegalStateException("redis-stream: no RedisConnectionFactory in the registry; set the option redisUrl");
            }
        }
        return connectionFactory;
    }

    /** The connection factory of an endpoint: this component's own one for its URL, else {@link #connectionFactory()}. */
    RedisConnectionFactory connectionFactory(String url, String password) {
        if (url == null || url.isBlank()) {
            return connectionFactory();
        }
        String key = password == null ? url : url + '\n' + password;
        return ownFactories.computeIfAbsent(key, k -> createConnectionFactory(url, password));
    }

    /**
     * A Lettuce connection factory for a URL (its timeout and clientName query options included),
     * configured like the application's: commands fail at once while Redis is away (the consumer's
     * loop reconnects), and reconnection is automatic.
     */
    private static LettuceConnectionFactory createConnectionFactory(String url, String password) {
        RedisURI uri = RedisURI.create(url);
        if (password != null && !password.isEmpty()) {
            uri.setPassword(password.toCharArray());
        }
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .clientOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled())
                        .build());
        // what the URL says beyond the server (RedisConfiguration keeps host, database, credentials)
        client.commandTimeout(uri.getTimeout());
        if (uri.getClientName() != null) {
            client.clientName(uri.getClientName());
        }
        if (uri.isSsl()) {
            client.useSsl();
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client.build());
        factory.afterPropertiesSet();
        LOG.info("redis-stream: connecting to {}", uri.toString());
        return factory;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ownFactories.values().forEach(LettuceConnectionFactory::destroy);
        ownFactories.clear();
    }

    public void setConnectionFactory(RedisConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public String getRedisUrl() {
        return redisUrl;
    }

    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl;
    }

    public String getRedisPassword() {
        return redisPassword;
    }

    public void setRedisPassword(String redisPassword) {
        this.redisPassword = redisPassword;
    }
}
