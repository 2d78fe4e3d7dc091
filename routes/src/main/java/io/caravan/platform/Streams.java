package io.caravan.platform;

/**
 * Redis stream endpoint URIs of the saga streams, written once: each entry carries one field,
 * {@code event}, the event as JSON (with its {@code eventId}). Trimming never removes an entry a
 * consumer group has not acknowledged (decision 6), so a slow consumer loses nothing.
 */
public final class Streams {

    /** The entry field that holds the event. */
    public static final String FIELD = "event";

    private Streams() {
    }

    /** XADD to {@code stream} (may be a {@code ${...}} expression for {@code toD}). */
    public static String publish(String stream) {
        return "redis-stream:" + stream + "?field=" + FIELD + "&maxLen={{caravan.streams.max-len}}&keepUnconsumed=true";
    }

    /**
     * Consumer group {@code group} on {@code stream}: created at the stream's start (nothing published
     * before the group existed is missed), each entry acknowledged only after its route succeeded,
     * retried, reclaimed from dead consumers, dead-lettered after {@code max-deliveries}, or at once
     * when it cannot be read ({@link UnreadableMessageException}).
     */
    public static String consume(String stream, String group) {
        return "redis-stream:" + stream + "?group=" + group + "&startId=0"
                + "&batchSize={{caravan.streams.consumer.batch-size}}&blockTimeout={{caravan.streams.consumer.block-timeout}}"
                + "&maxDeliveries={{caravan.streams.consumer.max-deliveries}}&retryDelay={{caravan.streams.consumer.retry-delay}}"
                + "&reclaimIdle={{caravan.streams.consumer.reclaim-idle}}&deadLetterOn=" + UnreadableMessageException.class.getName();
    }
}
