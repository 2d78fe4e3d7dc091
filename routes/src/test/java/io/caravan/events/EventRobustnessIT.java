package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.caravan.CaravanApplication;
import io.caravan.testing.CaravanIT;
import io.caravan.testing.ServerControl;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Seed 001's robustness cases: R1 (Redis restarted) and R2 (producer restarted). */
class EventRobustnessIT extends CaravanIT {

    private static final String STREAM = "NotificationStream";

    /**
     * R1. While Redis is down a POST answers 500 "Redis Client error"; 0.5 s after Redis is back a
     * POST succeeds and its event is in the stream; the producer wrote a new marker, and the consumer
     * (whose group Redis lost with its data) carries on and acknowledges the event.
     */
    @Test
    void theProducerAndTheConsumerRecoverWhenRedisIsRestarted() throws Exception {
        ServerControl control = redisControl();
        Assumptions.assumeTrue(control != null, "this run cannot restart Redis (set CARAVAN_TEST_REDIS_STOP_CMD/START_CMD)");

        control.stop();
        try {
            HttpResponse<String> down = send("POST", "/event", "{\"description\":\"while down\"}", "application/json");
            assertThat(down.statusCode()).isEqualTo(500);
            assertThat(down.body()).isEqualTo("{\"status\":500,\"title\":\"Redis Client error\",\"description\":\"Redis Client error\"}");
        } finally {
            control.start();
        }
        // the seed's R1 waits exactly this long after Redis is ready before it posts: part of the contract
        TimeUnit.MILLISECONDS.sleep(500);

        String description = "restated_redis_test-" + UUID.randomUUID();
        NotifyBuilder consumed = new NotifyBuilder(camel).fromRoute("events-consume")
                .filter(exchange -> String.valueOf(exchange.getIn().getBody()).contains(description)).whenCompleted(1).create();
        HttpResponse<String> back = send("POST", "/event", "{\"description\":\"" + description + "\"}", "application/json");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(latestEntryContaining(STREAM, description)).isNotNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> latestEntryContaining(STREAM, "stream created") != null);
        assertThat(consumed.matches(15, TimeUnit.SECONDS)).as("the consumer handled the event posted after the restart").isTrue();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> redis.opsForStream().pending(STREAM, "demo_consumer_group").getTotalPendingMessages() == 0
                && redis.opsForStream().groups(STREAM).stream().anyMatch(g -> g.groupName().equals("demo_consumer_group")
                        && !g.lastDeliveredId().equals("0-0")));
        assertThat(entries(STREAM + ":dead-letter")).as("nothing dead-lettered").noneMatch(r -> r.getValue().toString().contains(description));
    }

    /**
     * R2. A producer process that is stopped and started again writes a new CreateStream marker on
     * start-up, and its first POST succeeds. The producer here is a second, events-only Caravan
     * process against the same Redis, started twice.
     */
    @Test
    void aRestartedProducerWritesANewMarkerAndAcceptsEvents() throws Exception {
        for (int start = 1; start <= 2; start++) {
            long markersBefore = markers();
            try (ConfigurableApplicationContext producer = startProducer()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> markers() > markersBefore);
                int producerPort = ((WebServerApplicationContext) producer).getWebServer().getPort();
                String description = "restated_event_producer_test-" + start + "-" + UUID.randomUUID();
                HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + producerPort + "/event"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"description\":\"" + description + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(latestEntryContaining(STREAM, description)).isNotNull();
            }
        }
    }

    private ConfigurableApplicationContext startProducer() {
        // command-line arguments: they win over application.yaml, as the environment would in a pod
        return new SpringApplicationBuilder(CaravanApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--caravan.services=events",
                "--caravan.embedded.services=none",
                "--caravan.redis.url=" + environment.getProperty("caravan.redis.url"),
                "--caravan.events.consumer.name=r2-producer",
                "--spring.jmx.enabled=false");
    }

    private long markers() {
        return entries(STREAM).stream().filter(r -> r.getValue().containsKey("CreateStream")).count();
    }
}
