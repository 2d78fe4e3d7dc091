package io.caravan.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import io.caravan.platform.http.RawJson;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The consumer's feed: the events {@code events-consume} handled, newest first, in a Redis list capped
 * at {@code caravan.events.feed.size} (key {@code caravan.events.feed.key}). Each entry is pushed and the
 * list trimmed in one script, so a reader never sees more than the cap. The write is sent without
 * waiting for Redis's answer: the consumer's thread goes on to the next event (waiting was three
 * quarters of its time), the feed is a view, and a failed write is logged, never retried. Commands
 * leave in order on the one shared connection, so the feed keeps the consumer's order. A small bean
 * rather than camel-spring-redis: that component sends LPUSH and LTRIM as two separate exchanges.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventFeed {

    /** One handled event as the feed shows it; {@code id}, {@code description}, {@code timestamp} are the event's own. */
    @JsonPropertyOrder({"entryId", "id", "description", "timestamp", "consumedAt"})
    record Entry(String entryId, long id, String description, String timestamp, String consumedAt) {
    }

    /**
     * LPUSH and LTRIM as one atomic script on the shared connection. (MULTI/EXEC needs a dedicated
     * connection, which Spring Data opened and closed for every event: the consumer managed ~110 a second.)
     */
    private static final RedisScript<Long> PUSH_AND_TRIM = RedisScript.of(
            "redis.call('LPUSH', KEYS[1], ARGV[1]); redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2])); return 1", Long.class);

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

    private final StringRedisTemplate redis;
    private final ReactiveStringRedisTemplate writes;
    private final String key;
    private final int size;

    EventFeed(StringRedisTemplate redis, ReactiveStringRedisTemplate writes, EventsProperties properties) {
        this.redis = redis;
        this.writes = writes;
        this.key = properties.feed().key();
        this.size = properties.feed().size();
    }

    /** Records {@code event}, read from stream entry {@code entryId}, as the newest entry of the feed. */
    public void record(@Header("CamelRedisStreamEntryId") String entryId, @Body EventMessage event) throws JsonProcessingException {
        String json = Json.MAPPER.writeValueAsString(
                new Entry(entryId, event.id(), event.description(), event.timestamp(), EventMessage.rfc3339(Instant.now())));
        writes.execute(PUSH_AND_TRIM, List.of(key), List.of(json, Integer.toString(size - 1))).subscribe(
                written -> { },
                e -> LOG.warn("Event {} (entry {}) not recorded in the feed {}: {}", event.id(), entryId, key, e.getMessage()));
    }

    /** The feed, newest first, as one JSON array (each entry was written as JSON by {@link #record}). */
    public RawJson latest() {
        List<String> entries = redis.opsForList().range(key, 0, size - 1);
        return RawJson.of("[" + String.join(",", entries == null ? List.of() : entries) + "]");
    }
}
