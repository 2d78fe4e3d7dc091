package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;

/** {@code GET /api/v1/events/feed}: the events the consumer handled, newest first, capped; a broken feed never stops the consumer. */
class EventFeedIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "NotificationStream";
    private static final String GROUP = "demo_consumer_group";
    private static final String RFC3339_NANOS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z";

    @AfterEach
    void repairTheFeed() {
        if (!"list".equals(redis.type(feedKey()).code())) {
            redis.delete(feedKey());
        }
    }

    @Test
    void anEventPostedAppearsInTheFeedWithItsStreamEntryAndTimes() throws Exception {
        String description = "feed-" + UUID.randomUUID();
        assertThat(post(description).statusCode()).isEqualTo(200);

        JsonNode entry = await().atMost(Duration.ofSeconds(10)).until(() -> entryOf(feed(), description), e -> e != null);
        assertThat(entry.fieldNames()).toIterable().containsExactly("entryId", "id", "description", "timestamp", "consumedAt");
        JsonNode event = JSON.readTree((String) latestEntryContaining(STREAM, description).get("EventStream"));
        assertThat(entry.get("id").asLong()).isEqualTo(event.get("id").asLong());
        assertThat(entry.get("timestamp").asText()).isEqualTo(event.get("timestamp").asText()).matches(RFC3339_NANOS);
        assertThat(entry.get("consumedAt").asText()).matches(RFC3339_NANOS).isGreaterThanOrEqualTo(entry.get("timestamp").asText());
        String entryId = entry.get("entryId").asText();
        assertThat(entries(STREAM)).anySatisfy(r -> {
            assertThat(r.getId().getValue()).isEqualTo(entryId);
            assertThat(r.getValue().get("EventStream").toString()).contains(description);
        });

        HttpResponse<String> response = send("GET", "/api/v1/events/feed", null, null);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void theFeedKeepsOnlyTheNewestEventsNewestFirst() throws Exception {
        int size = environment.getRequiredProperty("caravan.events.feed.size", Integer.class);
        String run = "cap-" + UUID.randomUUID() + "-";
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < size + 10; i++) {
            posted.add(run + i);
            assertThat(post(run + i).statusCode()).isEqualTo(200);
        }
        String last = posted.get(posted.size() - 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> entryOf(feed(), last) != null);

        List<String> descriptions = StreamSupport.stream(feed().spliterator(), false).map(e -> e.get("description").asText()).toList();
        assertThat(descriptions).hasSize(size);
        List<String> newest = new ArrayList<>(posted.subList(10, posted.size()));
        java.util.Collections.reverse(newest);
        assertThat(descriptions).containsExactlyElementsOf(newest);
        assertThat(redis.opsForList().size(feedKey())).isEqualTo(size);
    }

    @Test
    void aFeedThatCannotBeWrittenNeitherFailsNorHoldsUpTheConsumption() throws Exception {
        redis.opsForValue().set(feedKey(), "not a list"); // every LPUSH and LRANGE now fails with WRONGTYPE
        String description = "unrecorded-" + UUID.randomUUID();
        NotifyBuilder consumed = new NotifyBuilder(camel).fromRoute("events-consume")
                .filter(exchange -> String.valueOf(exchange.getIn().getBody()).contains(description))
                .whenCompleted(1).create();

        assertThat(post(description).statusCode()).isEqualTo(200);
        assertThat(consumed.matches(10, TimeUnit.SECONDS)).as("the consumer completed the event").isTrue();
        String entryId = entries(STREAM).stream().filter(r -> r.getValue().toString().contains(description))
                .findFirst().orElseThrow().getId().getValue();
        await().atMost(Duration.ofSeconds(5)).until(
                () -> redis.opsForStream().pending(STREAM, GROUP, Range.closed(entryId, entryId), 1).isEmpty());
        assertThat(entries(STREAM + ":dead-letter")).noneMatch(r -> entryId.equals(r.getValue().get("dead-letter-entry-id")));

        HttpResponse<String> unreadable = send("GET", "/api/v1/events/feed", null, null);
        assertThat(unreadable.statusCode()).isEqualTo(503);
        assertThat(unreadable.body()).isEqualTo(
                "{\"status\":503,\"title\":\"Service Unavailable\",\"description\":\"the event feed is unavailable; try again\"}");

        redis.delete(feedKey());
        String next = "recorded-again-" + UUID.randomUUID();
        assertThat(post(next).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> entryOf(feed(), next) != null);
    }

    private String feedKey() {
        return environment.getRequiredProperty("caravan.events.feed.key");
    }

    private HttpResponse<String> post(String description) throws Exception {
        return send("POST", "/event", JSON.writeValueAsString(java.util.Map.of("description", description)), "application/json");
    }

    private JsonNode feed() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/events/feed", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode entryOf(JsonNode feed, String description) {
        for (JsonNode entry : feed) {
            if (entry.get("description").asText().equals(description)) {
                return entry;
            }
        }
        return null;
    }
}
