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
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The consumer's feed: the events {@code events-consume} handled, newest first, in a Redis list capped
 * at {@code caravan.events.feed.size} (key {@code caravan.events.feed.key}). Each entry is pushed and the
 * list trimmed in one MULTI/EXEC, so a reader never sees more than the cap. A small bean rather than
 * camel-spring-redis: that component sends LPUSH and LTRIM as two separate exchanges (no transaction)
 * and would need its own string serializers; this uses the application's {@link StringRedisTemplate}.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventFeed {

    /** One handled event as the feed shows it; {@code id}, {@code description}, {@code timestamp} are the event's own. */
    @JsonPropertyOrder({"entryId", "id", "description", "timestamp", "consumedAt"})
    record Entry(String entryId, long id, String description, String timestamp, String consumedAt) {
    }

    private final StringRedisTemplate redis;
    private final String key;
    private final int size;

    EventFeed(StringRedisTemplate redis, EventsProperties properties) {
        this.redis = redis;
        this.key = properties.feed().key();
        this.size = properties.feed().size();
    }

    /** Records {@code event}, read from stream entry {@code entryId}, as the newest entry of the feed. */
    public void record(@Header("CamelRedisStreamEntryId") String entryId, @Body EventMessage event) throws JsonProcessingException {
        String json = Json.MAPPER.writeValueAsString(
                new Entry(entryId, event.id(), event.description(), event.timestamp(), EventMessage.rfc3339(Instant.now())));
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.opsForList().leftPush(key, json);
                operations.opsForList().trim(key, 0, size - 1);
                return operations.exec();
            }
        });
    }

    /** The feed, newest first, as one JSON array (each entry was written as JSON by {@link #record}). */
    public RawJson latest() {
        List<String> entries = redis.opsForList().range(key, 0, size - 1);
        return RawJson.of("[" + String.join(",", entries == null ? List.of() : entries) + "]");
    }
}
