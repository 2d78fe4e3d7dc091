package io.caravan.platform.redisstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One Redis stream, written with XADD or read by a consumer group. */
@UriEndpoint(scheme = "redis-stream", title = "Redis Stream", syntax = "redis-stream:key",
        category = {Category.CACHE, Category.MESSAGING}, headersClass = RedisStreamConstants.class)
public class RedisStreamEndpoint extends DefaultEndpoint {

    @UriPath(description = "The stream key")
    @Metadata(required = true)
    private final String key;

    // connection
    @UriParam(label = "common", description = "Redis to connect to: redis://[[user]:password@]host:port[/db], rediss:// for TLS,"
            + " redis-sentinel://host:port[,host:port]/[db]#master; default: the component's redisUrl, else the registry's RedisConnectionFactory")
    private String redisUrl;
    @UriParam(label = "security", secret = true, description = "Password for redisUrl, when it is not part of the URL")
    private String redisPassword;

    // producer
    @UriParam(label = "producer", description = "Trim the stream to this many entries on every XADD (0 = no trimming)")
    private long maxLen;
    @UriParam(label = "producer", description = "Trim with MAXLEN ~ (approximate, cheaper) instead of exactly")
    private boolean approximateTrimming;
    @UriParam(label = "producer", description = "When the body is not a Map, the one field it is written to")
    private String field;
    @UriParam(label = "producer", description = "Trim to maxLen, but never remove entries a consumer group has not read"
            + " and acknowledged yet (exact trimming only; one Lua script per XADD)")
    private boolean keepUnconsumed;

    // consumer
    @UriParam(label = "consumer", description = "The consumer group (created, with the stream, if missing)")
    private String group;
    @UriParam(label = "consumer", description = "The consumer's name within the group; default: the host name")
    private String consumerName;
    @UriParam(label = "consumer", defaultValue = "$", description = "Where a new group starts: 0 (the whole stream) or $ (new entries only)")
    private String startId = "$";
    @UriParam(label = "consumer", defaultValue = "10", description = "Entries read per XREADGROUP")
    private int batchSize = 10;
    @UriParam(label = "consumer", defaultValue = "2000", description = "XREADGROUP BLOCK timeout (e.g. 2s, 500ms)")
    private Duration blockTimeout = Duration.ofMillis(2000);
    @UriParam(label = "consumer", defaultValue = "5", description = "Deliveries of a failing entry before it is moved to the dead-letter stream")
    private int maxDeliveries = 5;
    @UriParam(label = "consumer", defaultValue = "1000", description = "How long a failed entry waits before it is delivered again")
    private Duration retryDelay = Duration.ofMillis(1000);
    @UriParam(label = "consumer", defaultValue = "60000", description = "How long an entry may stay pending on another consumer before this one reclaims it")
    private Duration reclaimIdle = Duration.ofMillis(60000);
    @UriParam(label = "consumer", description = "Dead-letter stream; default: <key>:dead-letter")
    private String deadLetterStream;
    @UriParam(label = "consumer", description = "Exception class names (comma-separated) that send an entry to the dead-letter stream at once, without retries")
    private String deadLetterOn;
    @UriParam(label = "consumer", defaultValue = "1000", description = "How long to wait before reconnecting after a lost connection")
    private Duration reconnectDelay = Duration.ofMillis(1000);
    @UriParam(label = "consumer", defaultValue = "DEBUG", description = "Level of the log line written for each acknowledged entry")
    private LoggingLevel ackLogLevel = LoggingLevel.DEBUG;

    private StringRedisTemplate template;

    public RedisStreamEndpoint(String uri, RedisStreamComponent component, String key) {
        super(uri, component);
        this.key = key;
    }

    @Override
    public RedisStreamComponent getComponent() {
        return (RedisStreamComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new RedisStreamProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("redis-stream consumer on '" + key + "' needs the option group");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1");
        }
        RedisStreamConsumer consumer = new RedisStreamConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        template = newTemplate(); // fails now, not on the first exchange, when there is no Redis to use
    }

    @Override
    protected void doStop() throws Exception {
        template = null; // the component may have destroyed its connection factory: a restart makes a new template
        super.doStop();
    }

    StringRedisTemplate template() {
        StringRedisTemplate current = template;
        if (current == null) {
            current = newTemplate();
            template = current;
        }
        return current;
    }

    private StringRedisTemplate newTemplate() {
        StringRedisTemplate created = new StringRedisTemplate(connectionFactory());
        created.afterPropertiesSet();
        return created;
    }

    /** Where this endpoint's connections come from: see {@link RedisStreamComponent}. */
    RedisConnectionFactory connectionFactory() {
        return getComponent().connectionFactory(redisUrl, redisPassword);
    }

    List<Class<?>> deadLetterOnClasses() {
        if (deadLetterOn == null || deadLetterOn.isBlank()) {
            return List.of();
        }
        return Arrays.stream(deadLetterOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .<Class<?>>map(name -> getCamelContext().getClassResolver().resolveClass(name))
                .peek(c -> {
                    if (c == null) {
                        throw new IllegalArgumentException("deadLetterOn: unknown class in '" + deadLetterOn + "'");
                    }
                }).toList();
    }

    String effectiveConsumerName() {
        if (consumerName != null && !consumerName.isBlank()) {
            return consumerName;
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "consumer-" + ProcessHandle.current().pid();
        }
    }

    String effectiveDeadLetterStream() {
        return deadLetterStream != null && !deadLetterStream.isBlank() ? deadLetterStream : key + ":dead-letter";
    }

    public String getKey() {
        return key;
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

    public long getMaxLen() {
        return maxLen;
    }

    public void setMaxLen(long maxLen) {
        this.maxLen = maxLen;
    }

    public boolean isApproximateTrimming() {
        return approximateTrimming;
    }

    public void setApproximateTrimming(boolean approximateTrimming) {
        this.approximateTrimming = approximateTrimming;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public boolean isKeepUnconsumed() {
        return keepUnconsumed;
    }

    public void setKeepUnconsumed(boolean keepUnconsumed) {
        this.keepUnconsumed = keepUnconsumed;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumerName() {
        return consumerName;
    }

    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public String getStartId() {
        return startId;
    }

    public void setStartId(String startId) {
        this.startId = startId;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getBlockTimeout() {
        return blockTimeout;
    }

    public void setBlockTimeout(Duration blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getReclaimIdle() {
        return reclaimIdle;
    }

    public void setReclaimIdle(Duration reclaimIdle) {
        this.reclaimIdle = reclaimIdle;
    }

    public String getDeadLetterStream() {
        return deadLetterStream;
    }

    public void setDeadLetterStream(String deadLetterStream) {
        this.deadLetterStream = deadLetterStream;
    }

    public String getDeadLetterOn() {
        return deadLetterOn;
    }

    public void setDeadLetterOn(String deadLetterOn) {
        this.deadLetterOn = deadLetterOn;
    }

    public Duration getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(Duration reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public LoggingLevel getAckLogLevel() {
        return ackLogLevel;
    }

    public void setAckLogLevel(LoggingLevel ackLogLevel) {
        this.ackLogLevel = ackLogLevel;
    }
}
