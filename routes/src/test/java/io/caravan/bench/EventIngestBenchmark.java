package io.caravan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.caravan.CaravanApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Event ingest benchmark (docs/benchmarks.md): sustained {@code POST /event} from 64 connections
 * against local mode (events only, embedded Redis), then the raw XADD rate of the same payload from
 * 64 clients straight to the same Redis. Reports events/s, p50/p99, consumer lag at the end of the
 * load, and events lost (accepted but never consumed and acked).
 *
 * <pre>./mvnw -pl routes -Pbench verify -Dbench.seconds=30 -Dbench.clients=64</pre>
 */
class EventIngestBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final String BODY = "{\"description\":\"hello world\"}";
    /** Overrides caravan.events.max-len (default: the application's, 100). */
    private static final String MAX_LEN = System.getProperty("bench.max-len", "");

    @Test
    void eventIngest() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CaravanApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--caravan.services=events",
                // per-event INFO lines would measure the console, not the workflow
                "--logging.level.events-consume=WARN",
                "--logging.level.io.caravan.platform.redisstream=WARN",
                "--spring.jmx.enabled=false",
                MAX_LEN.isBlank() ? "--bench.max-len=default" : "--caravan.events.max-len=" + MAX_LEN)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Environment env = app.getEnvironment();
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            String stream = env.getProperty("caravan.events.stream");

            System.out.printf("%nwarm-up %d s ...%n", WARMUP);
            http(port, WARMUP);
            awaitDrained(meters, 60);
            double acceptedBefore = count(meters, "caravan.events.accepted");
            double consumedBefore = count(meters, "caravan.events.consumed");

            Load.Result http = http(port, SECONDS);
            double accepted = count(meters, "caravan.events.accepted") - acceptedBefore;
            long lagAtEnd = lag(app.getBean(org.springframework.data.redis.core.StringRedisTemplate.class), stream,
                    env.getProperty("caravan.events.consumer.group"));
            long drainMillis = awaitDrained(meters, 60);
            double consumed = count(meters, "caravan.events.consumed") - consumedBefore;
            double trimmed = count(meters, "caravan.stream.entries", "outcome", "trimmed");
            double deadLettered = count(meters, "caravan.stream.entries", "outcome", "dead-lettered");

            Load.Result raw = rawXadd(env.getProperty("caravan.redis.url"), stream + "-raw",
                    Long.parseLong(env.getProperty("caravan.events.max-len")));

            String report = String.join("\n",
                    "",
                    String.format(Locale.ROOT, "%d clients, %d s measured after %d s warm-up, stream max-len %s; %s, %d cores",
                            CLIENTS, SECONDS, WARMUP, env.getProperty("caravan.events.max-len"),
                            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                            Runtime.getRuntime().availableProcessors()),
                    "",
                    "| path | requests | per second | p50 ms | p99 ms | max ms | errors |",
                    "|---|---|---|---|---|---|---|",
                    http.row(),
                    raw.row(),
                    "",
                    String.format(Locale.ROOT, "HTTP / raw XADD = %.3f", http.rate() / raw.rate()),
                    String.format(Locale.ROOT, "accepted %.0f, consumed and acked %.0f, lost %.0f (dead-lettered %.0f, trimmed while pending %.0f)",
                            accepted, consumed, accepted - consumed, deadLettered, trimmed),
                    String.format(Locale.ROOT, "consumer lag when the load stopped: %d entries, drained in %d ms", lagAtEnd, drainMillis),
                    "");
            System.out.println(report);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/bench"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/bench/event-ingest.md"), report);
            // a figure, not a test of speed; but an accepted event that was never consumed is a defect
            if (accepted - consumed != 0) {
                throw new AssertionError(String.format(Locale.ROOT, "%.0f accepted events were not consumed and acknowledged", accepted - consumed));
            }
        }
    }

    /** {@code CLIENTS} threads sharing one HTTP/1.1 client (so one connection each), posting for {@code seconds}. */
    private static Load.Result http(int port, int seconds) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/event");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return Load.drive("POST /event (Caravan, local mode)", CLIENTS, seconds, () -> {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            return () -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** The same payload the workflow writes, XADDed with the same trimming by {@code CLIENTS} Lettuce connections. */
    private static Load.Result rawXadd(String redisUrl, String key, long maxLen) throws Exception {
        RedisClient client = RedisClient.create(redisUrl);
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        String payload = "{\"id\":1234567890123456789,\"description\":\"hello world\",\"timestamp\":\"2026-11-21T21:59:50.325197293Z\"}";
        XAddArgs args = XAddArgs.Builder.maxlen(maxLen).exactTrimming();
        try {
            return Load.drive("XADD straight to Redis (Lettuce)", CLIENTS, SECONDS, () -> {
                StatefulRedisConnection<String, String> connection = client.connect();
                synchronized (connections) {
                    connections.add(connection);
                }
                return () -> connection.sync().xadd(key, args, "EventStream", payload) != null;
            });
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
        }
    }

    /** Entries the group has not been given yet, plus those given and not acknowledged. */
    private static long lag(org.springframework.data.redis.core.StringRedisTemplate redis, String stream, String group) {
        var info = redis.opsForStream().groups(stream).stream().filter(g -> g.groupName().equals(group)).findFirst().orElseThrow();
        var unread = redis.opsForStream().range(stream,
                org.springframework.data.domain.Range.rightUnbounded(org.springframework.data.domain.Range.Bound.exclusive(info.lastDeliveredId())));
        return (unread == null ? 0 : unread.size()) + info.pendingCount();
    }

    /** Waits until every accepted event was consumed; returns how long it took. */
    private static long awaitDrained(MeterRegistry meters, int maxSeconds) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        AtomicLong last = new AtomicLong(-1);
        while (System.currentTimeMillis() - t0 < maxSeconds * 1000L) {
            if (count(meters, "caravan.events.consumed") >= count(meters, "caravan.events.accepted")) {
                return System.currentTimeMillis() - t0;
            }
            last.set((long) count(meters, "caravan.events.consumed"));
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return System.currentTimeMillis() - t0;
    }

    private static double count(MeterRegistry meters, String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
