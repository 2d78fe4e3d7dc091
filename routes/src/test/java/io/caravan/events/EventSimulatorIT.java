package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.caravan.CaravanApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The traffic simulator: an events-only Caravan (Redis is all it needs) whose simulator posts
 * "hello world" to its own HTTP endpoint at the configured rate; each post becomes a stream entry.
 */
@CamelSpringBootTest
@SpringBootTest(classes = CaravanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "caravan.services=events",
            "caravan.events.stream=SimulatorStream",
            "caravan.events.consumer.dead-letter-stream=SimulatorStream:dead-letter",
            "caravan.events.max-len=1000",
            "caravan.events.simulator.rate=20"
        })
class EventSimulatorIT {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CamelContext camel;

    @Test
    void theSimulatorPostsHelloWorldEventsThatLandInTheStream() {
        assertThat(camel.getRouteController().getRouteStatus("events-simulator")).isEqualTo(ServiceStatus.Started);
        await().atMost(Duration.ofSeconds(15)).until(() -> helloWorldEvents() >= 10);
    }

    private long helloWorldEvents() {
        return redis.opsForStream().range("SimulatorStream", org.springframework.data.domain.Range.unbounded()).stream()
                .filter(r -> String.valueOf(r.getValue().get("EventStream")).contains("\"description\":\"hello world\""))
                .count();
    }
}
