package io.caravan.platform.redisstream;

/** Header names of the {@code redis-stream} component. */
public final class RedisStreamConstants {

    /** The stream key an entry was read from or written to. */
    public static final String STREAM_KEY = "CamelRedisStreamKey";
    /** The entry id (e.g. {@code 1718000000000-0}); set by the consumer, and by the producer after XADD. */
    public static final String ENTRY_ID = "CamelRedisStreamEntryId";
    /** The consumer group the entry was read by. */
    public static final String GROUP = "CamelRedisStreamGroup";
    /** The consumer name the entry was delivered to. */
    public static final String CONSUMER = "CamelRedisStreamConsumer";
    /** How many times the entry has been delivered, this delivery included (1 on the first). */
    public static final String DELIVERY_COUNT = "CamelRedisStreamDeliveryCount";

    /** Fields added to an entry moved to the dead-letter stream. */
    public static final String DEAD_LETTER_SOURCE_STREAM = "dead-letter-stream";
    public static final String DEAD_LETTER_SOURCE_ID = "dead-letter-entry-id";
    public static final String DEAD_LETTER_GROUP = "dead-letter-group";
    public static final String DEAD_LETTER_DELIVERIES = "dead-letter-deliveries";
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private RedisStreamConstants() {
    }
}
