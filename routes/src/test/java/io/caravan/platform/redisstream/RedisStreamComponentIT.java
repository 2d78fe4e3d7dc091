package io.caravan.platform.redisstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.caravan.testing.CaravanIT;
import io.caravan.testing.ServerControl;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamRecords;

/** The {@code redis-stream} component against a real Redis: XADD, acks, retries, dead letters, reclaims, reconnects. */
class RedisStreamComponentIT extends CaravanIT {

    private final String stream = "test-stream-" + UUID.randomUUID();
    private final String group = "test-group";
    private final List<String> routes = new ArrayList<>();
    /** The delivery count of every exchange the test route saw, in order. */
    private final List<Long> deliveries = Collections.synchronizedList(new ArrayList<>());
    /** The entry ids the route's exchanges carried, in order. */
    private final List<String> entryIds = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void removeRoutes() throws Exception {
        for (String id : routes) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
        redis.delete(List.of(stream, stream + ":dead-letter"));
    }

    @Test
    void theProducerAppendsAMapAsFieldsAndSetsTheEntryId() {
        Exchange result = camel.createProducerTemplate().request("redis-stream:" + stream,
                e -> e.getMessage().setBody(Map.of("a", "1", "b", 2)));
        String id = result.getMessage().getHeader(RedisStreamConstants.ENTRY_ID, String.class);
        List<MapRecord<String, Object, Object>> all = entries(stream);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).getId().getValue()).isEqualTo(id);
        assertThat(all.get(0).getValue()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    }

    @Test
    void theProducerWritesAnyOtherBodyToTheNamedFieldAndTrimsExactly() {
        for (int i = 0; i < 7; i++) {
            camel.createProducerTemplate().sendBody("redis-stream:" + stream + "?field=payload&maxLen=5", "{\"n\":" + i + "}");
        }
        List<MapRecord<String, Object, Object>> all = entries(stream);
        assertThat(all).hasSize(5);
        assertThat(all.get(4).getValue()).containsOnly(Map.entry("payload", "{\"n\":6}"));
    }

    @Test
    void keepUnconsumedTrimsExactlyButNeverWhatAGroupHasNotAcknowledged() {
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), group);
        String uri = "redis-stream:" + stream + "?field=n&maxLen=5&keepUnconsumed=true";
        for (int i = 0; i < 10; i++) {
            camel.createProducerTemplate().sendBody(uri, Integer.toString(i));
        }
        assertThat(entries(stream)).as("nothing read yet: nothing trimmed").hasSize(10);

        // the group reads 8 and acknowledges 6 of them: 0..5 may go, 6..9 may not
        List<MapRecord<String, Object, Object>> read = redis.opsForStream().read(Consumer.from(group, "c"),
                org.springframework.data.redis.connection.stream.StreamReadOptions.empty().count(8),
                StreamOffset.create(stream, ReadOffset.lastConsumed()));
        redis.opsForStream().acknowledge(stream, group, read.subList(0, 6).stream().map(MapRecord::getId).toArray(RecordId[]::new));
        camel.createProducerTemplate().sendBody(uri, "10");
        assertThat(entries(stream)).extracting(r -> r.getValue().get("n")).containsExactly("6", "7", "8", "9", "10");

        // everything acknowledged: back to exactly maxLen
        redis.opsForStream().acknowledge(stream, group, read.subList(6, 8).stream().map(MapRecord::getId).toArray(RecordId[]::new));
        redis.opsForStream().read(Consumer.from(group, "c"), StreamOffset.create(stream, ReadOffset.lastConsumed()))
                .forEach(r -> redis.opsForStream().acknowledge(stream, group, r.getId()));
        for (int i = 11; i < 14; i++) {
            camel.createProducerTemplate().sendBody(uri, Integer.toString(i));
        }
        assertThat(entries(stream)).extracting(r -> r.getValue().get("n")).containsExactly("9", "10", "11", "12", "13");
    }

    @Test
    void withoutAGroupKeepUnconsumedTrimsExactly() {
        for (int i = 0; i < 8; i++) {
            camel.createProducerTemplate().sendBody("redis-stream:" + stream + "?field=n&maxLen=3&keepUnconsumed=true", Integer.toString(i));
        }
        assertThat(entries(stream)).extracting(r -> r.getValue().get("n")).containsExactly("5", "6", "7");
    }

    @Test
    void theProducerRefusesABodyItCannotMapToFields() {
        assertThatThrownBy(() -> camel.createProducerTemplate().sendBody("redis-stream:" + stream, "plain text"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("field");
    }

    @Test
    void aConsumerNeedsAGroup() {
        assertThatThrownBy(() -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("redis-stream:" + stream).routeId("no-group-" + UUID.randomUUID()).log("never");
            }
        })).hasStackTraceContaining("needs the option group");
    }

    @Test
    void anEntryIsAcknowledgedOnlyAfterItsExchangeSucceeded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        consume("", exchange -> {
            started.countDown();
            release.await(20, TimeUnit.SECONDS);
        });
        RecordId id = add(Map.of("k", "v"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pendingCount()).as("pending while the exchange runs").isEqualTo(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount() == 0);
        assertThat(deadLetters()).isEmpty();
        assertThat(entryIds).containsExactly(id.getValue());
    }

    @Test
    void aFailingEntryIsDeliveredAgainUntilItSucceeds() {
        consume("&maxDeliveries=5&retryDelay=100ms", exchange -> {
            if (deliveries.size() < 3) {
                throw new IllegalStateException("not yet");
            }
        });
        add(Map.of("k", "v"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 3 && pendingCount() == 0);
        assertThat(deliveries).containsExactly(1L, 2L, 3L);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void anEntryThatKeepsFailingIsDeadLetteredAfterMaxDeliveries() {
        consume("&maxDeliveries=3&retryDelay=100ms", exchange -> {
            throw new IllegalStateException("always broken");
        });
        RecordId id = add(Map.of("k", "v"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1 && pendingCount() == 0);
        assertThat(deliveries).containsExactly(1L, 2L, 3L);
        assertThat(deadLetters().get(0)).containsEntry("k", "v")
                .containsEntry(RedisStreamConstants.DEAD_LETTER_SOURCE_ID, id.getValue())
                .containsEntry(RedisStreamConstants.DEAD_LETTER_DELIVERIES, "3")
                .containsEntry(RedisStreamConstants.DEAD_LETTER_GROUP, group);
        assertThat((String) deadLetters().get(0).get(RedisStreamConstants.DEAD_LETTER_REASON)).contains("always broken");
    }

    @Test
    void anExceptionNamedInDeadLetterOnSkipsTheRetries() {
        consume("&maxDeliveries=5&deadLetterOn=java.lang.NumberFormatException", exchange -> Integer.parseInt("x"));
        add(Map.of("k", "v"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1 && pendingCount() == 0);
        assertThat(deliveries).containsExactly(1L);
    }

    @Test
    void entriesLeftPendingByADeadConsumerAreReclaimedAndProcessedOnce() {
        RecordId id = addAndDeliverTo("dead-consumer");
        consume("&reclaimIdle=500ms", exchange -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount() == 0);
        assertThat(deliveries).containsExactly(2L);
        assertThat(entryIds).as("the dead consumer's entry, processed here once").containsExactly(id.getValue());
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aReclaimedEntryBeyondMaxDeliveriesIsDeadLetteredWithoutRunningIt() {
        // a poison entry whose consumer died on it: it must not take this consumer down too
        addAndDeliverTo("crashed-consumer");
        consume("&reclaimIdle=300ms&maxDeliveries=1", exchange -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1 && pendingCount() == 0);
        assertThat(deliveries).isEmpty();
        assertThat(deadLetters().get(0)).containsEntry(RedisStreamConstants.DEAD_LETTER_DELIVERIES, "1");
    }

    @Test
    void theSubscriptionSurvivesARedisRestart() throws Exception {
        ServerControl control = redisControl();
        Assumptions.assumeTrue(control != null, "this run cannot restart Redis (set CARAVAN_TEST_REDIS_STOP_CMD/START_CMD)");
        consume("&startId=0&reconnectDelay=200ms", exchange -> { });
        add(Map.of("before", "restart"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);

        control.stop();
        control.start();

        // the test's own client reconnects too: retry its XADD until Redis takes it
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> add(Map.of("after", "restart")) != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() >= 2);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> pendingCount() == 0);
    }

    private void consume(String options, Processor processor) {
        String routeId = "test-consumer-" + UUID.randomUUID();
        routes.add(routeId);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("redis-stream:" + stream + "?group=" + group + "&consumerName=test-consumer&blockTimeout=200ms" + options)
                            .routeId(routeId)
                            .process(exchange -> deliveries.add(exchange.getMessage().getHeader(RedisStreamConstants.DELIVERY_COUNT, Long.class)))
                            .process(exchange -> entryIds.add(exchange.getMessage().getHeader(RedisStreamConstants.ENTRY_ID, String.class)))
                            .process(processor);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RecordId add(Map<String, String> fields) {
        return redis.opsForStream().add(StreamRecords.string(fields).withStreamKey(stream));
    }

    /** XADD plus a read by {@code consumer}, atomically: the entry is pending on that consumer. */
    private RecordId addAndDeliverTo(String consumer) {
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), group);
        RecordId id = addAndDeliverTo(stream, group, consumer, Map.of("k", "v"));
        assertThat(redis.opsForStream().pending(stream, group).getTotalPendingMessages()).isEqualTo(1);
        return id;
    }

    private long pendingCount() {
        return redis.opsForStream().pending(stream, group).getTotalPendingMessages();
    }

    private List<Map<Object, Object>> deadLetters() {
        List<Map<Object, Object>> values = new ArrayList<>();
        entries(stream + ":dead-letter").forEach(r -> values.add(new LinkedHashMap<>(r.getValue())));
        return values;
    }
}
