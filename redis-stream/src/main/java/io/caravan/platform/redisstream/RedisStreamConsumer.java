package io.caravan.platform.redisstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.CamelLogger;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.connection.stream.StringRecord;

/**
 * Reads a stream as one consumer of a consumer group, on a thread of its own.
 *
 * <ul>
 * <li>An entry is acknowledged (XACK) only after its exchange succeeded.</li>
 * <li>A failed entry stays pending; after {@code retryDelay} it is claimed again (XCLAIM raises its
 * delivery count), and the delivery that reaches {@code maxDeliveries} moves it to the dead-letter
 * stream, then acknowledges it. Exceptions named in {@code deadLetterOn} go there at once.</li>
 * <li>Entries pending on another consumer for longer than {@code reclaimIdle} (it died) are claimed
 * and processed here.</li>
 * <li>Any Redis error closes the connection, waits {@code reconnectDelay} and starts again (the group
 * is re-created if Redis lost it); the subscription never ends while the route runs.</li>
 * </ul>
 */
class RedisStreamConsumer extends DefaultConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);

    private final RedisStreamEndpoint endpoint;
    private final String key;
    private final String group;
    private final String name;
    private final String deadLetterStream;
    private final List<Class<?>> deadLetterOn;
    private final CamelLogger ackLog;
    private StreamMetrics metrics;
    private ExecutorService executor;
    private volatile boolean running;

    RedisStreamConsumer(RedisStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.key = endpoint.getKey();
        this.group = endpoint.getGroup();
        this.name = endpoint.effectiveConsumerName();
        this.deadLetterStream = endpoint.effectiveDeadLetterStream();
        this.deadLetterOn = endpoint.deadLetterOnClasses();
        this.ackLog = new CamelLogger(LOG, endpoint.getAckLogLevel());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = new StreamMetrics(endpoint.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class), key, group);
        // create the group now when Redis is there, so entries added once the route runs are seen even
        // with startId=$; otherwise the loop creates it when it connects
        try (var connection = endpoint.connectionFactory().getConnection()) {
            createGroup(new DefaultStringRedisConnection(connection));
        } catch (RuntimeException e) {
            LOG.warn("Stream {}: cannot create group {} yet ({}); will retry", key, group, rootMessage(e));
        }
        running = true;
        executor = endpoint.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "RedisStreamConsumer[" + key + "]");
        executor.execute(this);
        LOG.info("Consuming stream {} as {} in group {} (dead letters to {})", key, name, group, deadLetterStream);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            // the loop notices within one BLOCK timeout, after finishing the batch in hand
            executor.shutdown();
            if (!executor.awaitTermination(endpoint.getBlockTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            executor = null;
        }
        super.doStop();
    }

    private boolean active() {
        return running && isRunAllowed();
    }

    @Override
    public void run() {
        StringRedisConnection connection = null;
        boolean groupReady = false;
        boolean outage = false;
        long nextPendingCheck = 0;
        while (active()) {
            try {
                if (connection == null) {
                    connection = new DefaultStringRedisConnection(endpoint.connectionFactory().getConnection());
                }
                if (!groupReady) {
                    createGroup(connection);
                    groupReady = true;
                    if (outage) {
                        LOG.info("Stream {}: connection to Redis is back, consuming again", key);
                        outage = false;
                    }
                }
                if (System.currentTimeMillis() >= nextPendingCheck) {
                    recoverPending(connection);
                    nextPendingCheck = System.currentTimeMillis() + Math.min(endpoint.getRetryDelay().toMillis(), endpoint.getReclaimIdle().toMillis());
                }
                List<StringRecord> records = connection.xReadGroupAsString(Consumer.from(group, name),
                        StreamReadOptions.empty().count(endpoint.getBatchSize()).block(endpoint.getBlockTimeout()),
                        StreamOffset.create(key, ReadOffset.lastConsumed()));
                if (records != null && !records.isEmpty()) {
                    process(connection, records, Map.of());
                }
            } catch (Exception e) {
                if (!active()) {
                    break;
                }
                groupReady = false;
                if (!outage) {
                    LOG.warn("Stream {}: Redis error ({}); reconnecting every {}", key, rootMessage(e), endpoint.getReconnectDelay());
                    outage = true;
                } else {
                    LOG.debug("Stream {}: still failing", key, e);
                }
                metrics.reconnect();
                connection = close(connection);
                pause(endpoint.getReconnectDelay().toMillis());
            }
        }
        close(connection);
    }

    private void createGroup(StringRedisConnection connection) {
        ReadOffset start = "$".equals(endpoint.getStartId()) ? ReadOffset.latest() : ReadOffset.from(endpoint.getStartId());
        try {
            connection.xGroupCreate(key, start, group, true);
            LOG.info("Stream {}: created consumer group {} at {}", key, group, endpoint.getStartId());
        } catch (RuntimeException e) {
            if (!String.valueOf(rootMessage(e)).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Claims what is due again: this consumer's failed entries after {@code retryDelay}, and entries
     * left by other consumers after {@code reclaimIdle}. XCLAIM raises each one's delivery count.
     */
    private void recoverPending(StringRedisConnection connection) {
        PendingMessages pending = connection.xPending(key, group, Range.unbounded(), (long) endpoint.getBatchSize() * 10);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<PendingMessage> mine = new ArrayList<>();
        List<PendingMessage> abandoned = new ArrayList<>();
        for (PendingMessage message : pending) {
            long idle = message.getElapsedTimeSinceLastDelivery().toMillis();
            if (name.equals(message.getConsumerName())) {
                if (idle >= endpoint.getRetryDelay().toMillis()) {
                    mine.add(message);
                }
            } else if (idle >= endpoint.getReclaimIdle().toMillis()) {
                abandoned.add(message);
            }
        }
        claimAndProcess(connection, mine, endpoint.getRetryDelay());
        if (!abandoned.isEmpty()) {
            LOG.info("Stream {}: reclaiming {} entries pending on dead consumers {}", key, abandoned.size(),
                    abandoned.stream().map(PendingMessage::getConsumerName).collect(Collectors.toCollection(java.util.TreeSet::new)));
            metrics.reclaimed(abandoned.size());
            claimAndProcess(connection, abandoned, endpoint.getReclaimIdle());
        }
    }

    private void claimAndProcess(StringRedisConnection connection, List<PendingMessage> due, Duration minIdle) {
        if (due.isEmpty()) {
            return;
        }
        RecordId[] ids = due.stream().map(PendingMessage::getId).toArray(RecordId[]::new);
        List<StringRecord> claimed = connection.xClaim(key, group, name,
                XClaimOptions.minIdle(minIdle).ids(ids));
        Map<String, Long> deliveries = new LinkedHashMap<>();
        due.forEach(m -> deliveries.put(m.getIdAsString(), m.getTotalDeliveryCount() + 1));
        Set<String> claimedIds = claimed.stream().map(r -> r.getId().getValue()).collect(Collectors.toSet());
        for (PendingMessage message : due) {
            // an entry trimmed away while pending cannot be claimed (Redis < 7 keeps its PEL slot)
            if (!claimedIds.contains(message.getIdAsString())
                    && connection.xRange(key, Range.closed(message.getIdAsString(), message.getIdAsString()), Limit.limit().count(1)).isEmpty()) {
                LOG.warn("Stream {}: entry {} was trimmed from the stream before it was processed; acknowledging it",
                        key, message.getIdAsString());
                metrics.trimmed();
                connection.xAck(key, group, message.getIdAsString());
            }
        }
        if (!claimed.isEmpty()) {
            process(connection, claimed, deliveries);
        }
    }

    private void process(StringRedisConnection connection, List<StringRecord> records, Map<String, Long> deliveries) {
        List<String> done = new ArrayList<>(records.size());
        for (StringRecord record : records) {
            String id = record.getId().getValue();
            long delivery = deliveries.getOrDefault(id, 1L);
            if (delivery > endpoint.getMaxDeliveries()) {
                // delivered before, and the consumer holding it died each time: a poison entry
                deadLetter(connection, record, delivery - 1, "delivered " + (delivery - 1) + " times without success");
                continue;
            }
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(new LinkedHashMap<>(record.getValue()));
            exchange.getMessage().setHeader(RedisStreamConstants.STREAM_KEY, key);
            exchange.getMessage().setHeader(RedisStreamConstants.ENTRY_ID, id);
            exchange.getMessage().setHeader(RedisStreamConstants.GROUP, group);
            exchange.getMessage().setHeader(RedisStreamConstants.CONSUMER, name);
            exchange.getMessage().setHeader(RedisStreamConstants.DELIVERY_COUNT, delivery);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure == null && !exchange.isRollbackOnly()) {
                done.add(id);
            } else if (deadLetterAtOnce(failure) || delivery >= endpoint.getMaxDeliveries()) {
                deadLetter(connection, record, delivery, failure == null ? "rolled back" : rootMessage(failure));
            } else {
                metrics.failed();
                LOG.warn("Stream {}: entry {} failed on delivery {} of {} ({}); retrying in {}", key, id, delivery,
                        endpoint.getMaxDeliveries(), failure == null ? "rolled back" : rootMessage(failure), endpoint.getRetryDelay());
            }
            releaseExchange(exchange, false);
        }
        if (!done.isEmpty()) {
            connection.xAck(key, group, done.toArray(String[]::new));
            metrics.acked(done.size());
            ackLog.log("Stream " + key + ": acknowledged " + done.size() + " entries " + done);
        }
    }

    private boolean deadLetterAtOnce(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<?> type : deadLetterOn) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void deadLetter(StringRedisConnection connection, StringRecord record, long deliveries, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(record.getValue());
        fields.put(RedisStreamConstants.DEAD_LETTER_SOURCE_STREAM, key);
        fields.put(RedisStreamConstants.DEAD_LETTER_SOURCE_ID, record.getId().getValue());
        fields.put(RedisStreamConstants.DEAD_LETTER_GROUP, group);
        fields.put(RedisStreamConstants.DEAD_LETTER_DELIVERIES, Long.toString(deliveries));
        fields.put(RedisStreamConstants.DEAD_LETTER_REASON, reason == null ? "" : reason);
        // XADD first, XACK second: a crash in between re-delivers the entry, it never loses it
        connection.xAdd(StreamRecords.string(fields).withStreamKey(deadLetterStream), XAddOptions.none());
        connection.xAck(key, group, record.getId().getValue());
        metrics.deadLettered();
        LOG.error("Stream {}: entry {} moved to dead-letter stream {} after {} deliveries: {}",
                key, record.getId().getValue(), deadLetterStream, deliveries, reason);
    }

    private static StringRedisConnection close(StringRedisConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // the connection is already broken
            }
        }
        return null;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
