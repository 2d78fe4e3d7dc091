package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The redis-stream component outside Spring: with the {@code redisUrl} option it makes, uses and
 * destroys its own Lettuce connection factory; without it, it needs a RedisConnectionFactory in the
 * registry and says so.
 */
@ExtendWith(TestRedis.class)
class RedisStreamStandaloneIT {

    private final String stream = "standalone-test-" + UUID.randomUUID();
    private final String clientName = "caravan-standalone-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeStream() {
        try (StatefulRedisConnection<String, String> connection = TestRedis.connect()) {
            connection.sync().del(stream);
        }
    }

    @Test
    void withARedisUrlTheComponentConnectsByItselfAndDisconnectsWhenCamelStops() throws Exception {
        // Lettuce names the connections made from this URL, so the test can find them in CLIENT LIST
        String url = TestRedis.url() + "?clientName=" + clientName;
        List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:add").to("redis-stream:" + stream + "?field=n&redisUrl=" + url);
                from("redis-stream:" + stream + "?group=g&startId=0&blockTimeout=200ms&redisUrl=" + url)
                        .process(e -> received.add(e.getMessage().getBody(Map.class)));
            }
        });
        camel.start();

        camel.createProducerTemplate().sendBody("direct:add", "1");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0)).containsExactly(Map.entry("n", (Object) "1"));
        assertThat(namedConnections()).as("connected while the routes run").isPositive();

        camel.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> namedConnections() == 0);
    }

    @Test
    void withoutARedisUrlAndWithoutAConnectionFactoryARouteDoesNotStartAndSaysWhatIsMissing() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("redis-stream:" + stream + "?group=g").log("never");
                }
            });
            assertThatThrownBy(camel::start).hasStackTraceContaining("no RedisConnectionFactory in the registry; set the option redisUrl");
        }
    }

    private long namedConnections() {
        try (StatefulRedisConnection<String, String> connection = TestRedis.connect()) {
            return connection.sync().clientList().lines().filter(line -> line.contains(" name=" + clientName + " ")).count();
        }
    }
}
