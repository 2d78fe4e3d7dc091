package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.caravan.testing.CaravanIT;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;

/** The seed-001 consumer: every entry acknowledged once handled, unreadable ones dead-lettered, never dropped. */
class EventConsumerIT extends CaravanIT {

    private static final String STREAM = "NotificationStream";
    private static final String GROUP = "demo_consumer_group";
    private static final String DEAD_LETTERS = "NotificationStream:dead-letter";

    @Test
    void everyAcceptedEventIsConsumedAndAcknowledged() throws Exception {
        String description = "ack-" + UUID.randomUUID();
        NotifyBuilder handled = handled(description);
        assertThat(send("POST", "/event", "{\"description\":\"" + description + "\"}", "application/json").statusCode()).isEqualTo(200);
        RecordId id = await().atMost(Duration.ofSeconds(5)).until(() -> idOf(description), r -> r != null);
        assertThat(handled.matches(10, TimeUnit.SECONDS)).as("the consumer logged and counted the event").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id) && !pending(id));
        assertThat(deadLetterOf(id)).as("acknowledged because handled, not because dead-lettered").isNull();
    }

    @Test
    void aMarkerIsSkippedAndAcknowledged() {
        RecordId id = redis.opsForStream().add(StreamRecords.string(Map.of("CreateStream", "stream created")).withStreamKey(STREAM));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id) && !pending(id));
        assertThat(deadLetterOf(id)).isNull();
    }

    @Test
    void anEntryWhoseJsonCannotBeReadIsDeadLetteredAtOnce() {
        RecordId id = redis.opsForStream().add(StreamRecords.string(Map.of("EventStream", "{not json")).withStreamKey(STREAM));
        Map<Object, Object> dead = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterOf(id), d -> d != null);
        assertThat(dead).containsEntry("EventStream", "{not json")
                .containsEntry("dead-letter-stream", STREAM)
                .containsEntry("dead-letter-group", GROUP)
                .containsEntry("dead-letter-deliveries", "1");
        assertThat((String) dead.get("dead-letter-reason")).isNotBlank();
        await().atMost(Duration.ofSeconds(5)).until(() -> !pending(id));
    }

    @Test
    void anEventOfTheWrongShapeIsDeadLettered() {
        RecordId id = redis.opsForStream().add(StreamRecords.string(Map.of("EventStream", "{\"id\":\"not a number\"}")).withStreamKey(STREAM));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterOf(id) != null && !pending(id));
    }

    @Test
    void anEntryThatIsNeitherEventNorMarkerIsDeadLettered() {
        RecordId id = redis.opsForStream().add(StreamRecords.string(Map.of("Something", "else")).withStreamKey(STREAM));
        Map<Object, Object> dead = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterOf(id), d -> d != null);
        assertThat(dead).containsEntry("Something", "else");
        assertThat((String) dead.get("dead-letter-reason")).contains("neither");
    }

    /**
     * Redelivery: an event handed to a consumer that died before acknowledging it is taken over by
     * the live consumer once it has been idle for reclaim-idle, processed, and acknowledged.
     */
    @Test
    void anEventLeftPendingByADeadConsumerIsReclaimedAndAcknowledged() {
        String description = "orphan-" + UUID.randomUUID();
        String event = "{\"id\":42,\"description\":\"" + description + "\",\"timestamp\":\"2026-01-01T00:00:00.000000000Z\"}";
        NotifyBuilder handled = handled(description);
        RecordId id = addAndDeliverTo(STREAM, GROUP, "dead-consumer", Map.of("EventStream", event));
        assertThat(pendingOn(id)).isEqualTo("dead-consumer");

        assertThat(handled.matches(15, TimeUnit.SECONDS)).as("the live consumer took the event over and handled it").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !pending(id));
        assertThat(deadLetterOf(id)).isNull();
    }

    /** Done when events-consume has completed (logged, counted; not failed, not dead-lettered) an event with this description. */
    private NotifyBuilder handled(String description) {
        return new NotifyBuilder(camel).fromRoute("events-consume")
                .filter(exchange -> String.valueOf(exchange.getIn().getBody()).contains(description))
                .whenCompleted(1).create();
    }

    private RecordId idOf(String text) {
        List<MapRecord<String, Object, Object>> all = entries(STREAM);
        return all.stream().filter(r -> r.getValue().toString().contains(text)).map(MapRecord::getId).findFirst().orElse(null);
    }

    private boolean delivered(RecordId id) {
        return redis.opsForStream().groups(STREAM).stream().filter(g -> g.groupName().equals(GROUP))
                .anyMatch(g -> compare(g.lastDeliveredId(), id.getValue()) >= 0);
    }

    private boolean pending(RecordId id) {
        return pendingOn(id) != null;
    }

    private String pendingOn(RecordId id) {
        var pending = redis.opsForStream().pending(STREAM, GROUP, Range.closed(id.getValue(), id.getValue()), 1);
        return pending.isEmpty() ? null : pending.get(0).getConsumerName();
    }

    private Map<Object, Object> deadLetterOf(RecordId id) {
        return entries(DEAD_LETTERS).stream().map(MapRecord::getValue)
                .filter(v -> id.getValue().equals(v.get("dead-letter-entry-id"))).findFirst().orElse(null);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }
}
