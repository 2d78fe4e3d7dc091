package io.caravan.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.CaravanApplication;
import io.caravan.local.EmbeddedInfrastructure;
import io.caravan.local.EmbeddedServers;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Base of the integration tests: the whole platform, with every service, on the infrastructure of
 * the run (embedded by default; real servers when .ci/run sets the CARAVAN_* connection variables),
 * driven through its real endpoints. All subclasses share one application context.
 */
@CamelSpringBootTest
@DisableJmx(false)                           // Camel's MBeans, as in production: Jolokia and Hawtio read them
@AutoConfigureObservability(tracing = false) // the Prometheus scrape, as in production (tests turn exporters off)
@SpringBootTest(classes = CaravanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // short enough for tests to watch retries and reclaims happen
            "caravan.events.consumer.retry-delay=200ms",
            "caravan.events.consumer.reclaim-idle=2s",
            "caravan.events.consumer.name=it-consumer",
            "caravan.streams.consumer.retry-delay=200ms",
            "caravan.streams.consumer.reclaim-idle=2s",
            // small enough to test the limit without gigabytes
            "caravan.media.max-upload-size=3MB",
            "caravan.media.converter.redelivery-delay=100ms",
            // an administrator, as local mode and a deployment configure one
            "caravan.identity.admin.email=" + CaravanIT.ADMIN_EMAIL,
            "caravan.identity.admin.password=" + CaravanIT.ADMIN_PASSWORD,
            // the management port's login, as a deployment configures it
            "caravan.management.username=" + CaravanIT.MANAGEMENT_USERNAME,
            "caravan.management.password=" + CaravanIT.MANAGEMENT_PASSWORD,
            "caravan.management.address=127.0.0.1"
        })
public abstract class CaravanIT {

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected static final String ADMIN_EMAIL = "admin@caravan.test";
    protected static final String ADMIN_PASSWORD = "test administrator password";
    protected static final String MANAGEMENT_USERNAME = "it-operator";
    protected static final String MANAGEMENT_PASSWORD = "test management password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected Environment environment;

    @Autowired(required = false)
    @Qualifier(EmbeddedInfrastructure.BEAN_NAME)
    protected EmbeddedServers embedded;

    /** Restarts Redis, or null when this run cannot (external mode without the CI's commands). */
    protected ServerControl redisControl() {
        return ServerControl.redis(embedded);
    }

    /** Restarts the AMQP broker, or null when this run cannot. */
    protected ServerControl brokerControl() {
        return ServerControl.rabbitmq(embedded);
    }

    /** An access token of the configured administrator (created at start-up, so waited for). */
    protected String adminToken() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(
                () -> login(ADMIN_EMAIL, ADMIN_PASSWORD), token -> token != null);
    }

    /** A new user's access token (a fresh account each call). */
    protected String newUserToken() throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";
        HttpResponse<String> registered = send("POST", "/api/v1/auth/register",
                JSON.writeValueAsString(Map.of("name", "Test User", "email", email, "password", password)), "application/json");
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register answered " + registered.statusCode() + ": " + registered.body());
        }
        return login(email, password);
    }

    /** The access token of a login, or null when it is refused (from its own client address: no throttling of others). */
    protected String login(String email, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", JSON.writeValueAsString(Map.of("email", email, "password", password)),
                "application/json", "X-Forwarded-For", "192.0.2." + (1 + Math.abs(email.hashCode() % 250)));
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("accessToken").asText() : null;
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A request with an optional body and Content-Type, and header name/value pairs (an empty value is left out). */
    protected HttpResponse<String> send(String method, String path, String body, String contentType, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i + 1].isEmpty()) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST as {@code curl -d} sends it: a form Content-Type, whatever the body is. */
    protected HttpResponse<String> postLikeCurl(String path, String body) throws Exception {
        return send("POST", path, body, "application/x-www-form-urlencoded");
    }

    protected List<MapRecord<String, Object, Object>> entries(String stream) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().range(stream, Range.unbounded());
        return records == null ? List.of() : records;
    }

    /**
     * XADD of {@code fields} and a read of it by {@code consumer} of {@code group}, in one transaction:
     * the entry is pending on that consumer (one that then "dies") before any live consumer can see it.
     */
    protected RecordId addAndDeliverTo(String stream, String group, String consumer, Map<String, String> fields) {
        List<Object> results = redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.opsForStream().add(StreamRecords.string(fields).withStreamKey(stream));
                operations.opsForStream().read(Consumer.from(group, consumer), StreamOffset.create(stream, ReadOffset.lastConsumed()));
                return operations.exec();
            }
        });
        return (RecordId) results.get(0);
    }

    /** The latest entry whose fields contain {@code text} (seed 001's Robot helper greps for "{" likewise). */
    protected Map<Object, Object> latestEntryContaining(String stream, String text) {
        List<MapRecord<String, Object, Object>> all = entries(stream);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).getValue().toString().contains(text)) {
                return all.get(i).getValue();
            }
        }
        return null;
    }
}
