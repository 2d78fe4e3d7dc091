package io.caravan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.CaravanApplication;
import io.caravan.platform.ListCache;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commerce benchmark (docs/benchmarks.md), local mode in-process (identity, catalog, orders; embedded
 * PostgreSQL, Redis, broker):
 * <ol>
 * <li>orders end to end: {@code bench.clients} users each place an order of one item ({@code POST /orders})
 * and wait until the saga ended it: the moment its {@code completed} or {@code refunded} is announced on
 * {@code order_events}, which one listener follows (XREAD BLOCK; polling by 32 clients would take the CPU
 * the saga needs); the stock is smaller than the orders placed, so both outcomes happen; at the end the stock invariant is checked
 * (never negative, initial stock minus completed orders) and no order is left in between;</li>
 * <li>the reference, in the same run: the bare conditional {@code UPDATE ... SET stock = stock - 1 WHERE
 * stock >= 1} from as many JDBC connections on the same PostgreSQL;</li>
 * <li>{@code GET /products} (a page of 100) from the cache, and with the cache invalidated before each request.</li>
 * </ol>
 *
 * <pre>./mvnw -pl routes -Pbench verify -Dit.test=OrdersBenchmark -Dbench.seconds=20 -Dbench.clients=32</pre>
 */
class OrdersBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int STOCK = Integer.getInteger("bench.stock", 600);
    private static final int LIST_REQUESTS = Integer.getInteger("bench.list-requests", 2000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin@caravan.test";
    private static final String PASSWORD = "bench admin password";

    @Test
    void commerce() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CaravanApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--caravan.services=identity,catalog,orders",
                "--caravan.identity.admin.email=" + ADMIN,
                "--caravan.identity.admin.password=" + PASSWORD,
                "--caravan.identity.login-limit.failures=1000",
                // per-order INFO lines would measure the console, not the workflow
                "--logging.level.orders-transition=WARN", "--logging.level.catalog-inventory=WARN",
                "--logging.level.orders-user-profile-updated=WARN",
                "--spring.jmx.enabled=false")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Environment env = app.getEnvironment();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Http http = new Http(port);

            String admin = http.token(ADMIN, PASSWORD);
            String product = http.product(admin, STOCK, "1.00");
            List<String> users = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                users.add(http.newUser());
            }

            System.out.printf("%nwarm-up: 200 orders ...%n");
            String warm = http.product(admin, 1_000_000, "1.00");
            OrderEnds ends = new OrderEnds(env.getProperty("caravan.redis.url"), env.getProperty("caravan.orders.streams.order-events"));
            for (int i = 0; i < 200; i++) {
                http.orderToTheEnd(users.get(i % CLIENTS), warm, ends);
            }

            // 1. orders end to end
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            Load.Result orders = Load.drive("orders: POST /orders → completed or refunded", CLIENTS, SECONDS, () -> {
                String token = users.get(next.getAndIncrement() % CLIENTS);
                return () -> {
                    String outcome = http.orderToTheEnd(token, product, ends);
                    outcomes.add(outcome);
                    return outcome.equals("completed") || outcome.equals("refunded");
                };
            });
            long completed = outcomes.stream().filter("completed"::equals).count();
            long refunded = outcomes.stream().filter("refunded"::equals).count();
            int stock = jdbc.queryForObject("SELECT stock FROM products WHERE id = ?", Integer.class, product);
            Map<String, Object> counts = jdbc.queryForMap("SELECT count(*) FILTER (WHERE status = 'completed') AS completed, "
                    + "count(*) FILTER (WHERE status IN ('pending', 'paid')) AS unfinished FROM orders o "
                    + "WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = ?)", product);
            long completedInDb = ((Number) counts.get("completed")).longValue();
            long unfinished = ((Number) counts.get("unfinished")).longValue();

            // 2. the bare conditional UPDATE, same PostgreSQL, as many connections
            String reference = http.product(admin, 100_000_000, "1.00");
            Load.Result update = Load.drive("bare UPDATE stock = stock - 1 WHERE stock >= 1 (JDBC)", CLIENTS, SECONDS, () -> {
                PreparedStatement statement = connect(env).prepareStatement("UPDATE products SET stock = stock - 1 WHERE id = ? AND stock >= 1");
                statement.setString(1, reference);
                return () -> statement.executeUpdate() == 1;
            });

            // 3. a page of 100 products, cached and not
            for (int i = 0; i < 100; i++) {
                http.product(admin, 10, "2.50");
            }
            ListCache cache = app.getBean("productListCache", ListCache.class);
            Histogram cached = http.timeList(LIST_REQUESTS, () -> { });
            Histogram uncached = http.timeList(LIST_REQUESTS, () -> cache.invalidate("catalog:products"));

            String report = String.join("\n",
                    "",
                    String.format(Locale.ROOT, "%d clients, %d s each, stock %d; %s, %d cores", CLIENTS, SECONDS, STOCK,
                            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()),
                    "",
                    "| path | operations | per second | p50 ms | p99 ms | max ms | errors |",
                    "|---|---|---|---|---|---|---|",
                    orders.row(),
                    update.row(),
                    "",
                    String.format(Locale.ROOT, "orders end to end / bare UPDATE = %.4f", orders.rate() / update.rate()),
                    String.format(Locale.ROOT, "outcomes: %d completed, %d refunded; completed in the database %d; left unfinished %d", completed,
                            refunded, completedInDb, unfinished),
                    String.format(Locale.ROOT, "stock: %d at the start, %d at the end (start - completed = %d)", STOCK, stock, STOCK - completedInDb),
                    "",
                    "| GET /products (a page of 100) | requests | p50 ms | p99 ms | max ms |",
                    "|---|---|---|---|---|",
                    String.format(Locale.ROOT, "| cached | %d | %.2f | %.2f | %.2f |", cached.getTotalCount(), cached.getValueAtPercentile(50) / 1000.0,
                            cached.getValueAtPercentile(99) / 1000.0, cached.getMaxValue() / 1000.0),
                    String.format(Locale.ROOT, "| cache invalidated before each | %d | %.2f | %.2f | %.2f |", uncached.getTotalCount(),
                            uncached.getValueAtPercentile(50) / 1000.0, uncached.getValueAtPercentile(99) / 1000.0, uncached.getMaxValue() / 1000.0),
                    "");
            System.out.println(report);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/bench"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/bench/orders.md"), report);
            ends.close();
            // figures, not tests of speed; but a broken invariant is a defect
            if (stock < 0 || stock != STOCK - completedInDb || unfinished != 0 || completed != completedInDb) {
                throw new AssertionError("the stock invariant does not hold: " + report);
            }
        }
    }

    /** Follows {@code order_events} (XREAD BLOCK from now on) and completes each order's future with its final status. */
    private static final class OrderEnds implements AutoCloseable {

        private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<String>> ends =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final io.lettuce.core.RedisClient client;
        private final Thread listener;
        private volatile boolean running = true;

        OrderEnds(String redisUrl, String stream) {
            client = io.lettuce.core.RedisClient.create(redisUrl);
            var connection = client.connect();
            listener = new Thread(() -> {
                String last = "$";
                while (running) {
                    var entries = connection.sync().xread(io.lettuce.core.XReadArgs.Builder.block(500).count(500),
                            io.lettuce.core.XReadArgs.StreamOffset.from(stream, last));
                    for (var entry : entries) {
                        last = entry.getId();
                        try {
                            com.fasterxml.jackson.databind.JsonNode event = JSON.readTree(entry.getBody().get("event"));
                            String status = event.path("status").asText();
                            if (status.equals("completed") || status.equals("refunded")) {
                                of(event.get("orderId").asText()).complete(status);
                            }
                        } catch (Exception e) {
                            // not an order's end
                        }
                    }
                }
                connection.close();
            }, "order-ends");
            listener.start();
        }

        java.util.concurrent.CompletableFuture<String> of(String orderId) {
            return ends.computeIfAbsent(orderId, id -> new java.util.concurrent.CompletableFuture<>());
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            listener.join();
            client.shutdown();
        }
    }

    private static Connection connect(Environment env) throws java.sql.SQLException {
        return DriverManager.getConnection(env.getProperty("caravan.postgres.url"), env.getProperty("caravan.postgres.username"),
                env.getProperty("caravan.postgres.password"));
    }

    /** The HTTP client side: accounts, products, orders followed to their end, timed list reads. */
    private static final class Http {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;

        Http(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String token(String email, String password) throws Exception {
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> login = send("POST", "/api/v1/auth/login", JSON.writeValueAsString(Map.of("email", email, "password", password)), null);
                if (login.statusCode() == 200) {
                    return JSON.readTree(login.body()).get("accessToken").asText();
                }
                TimeUnit.MILLISECONDS.sleep(200); // the administrator is created right after start-up
            }
            throw new IllegalStateException("cannot log in as " + email);
        }

        String newUser() throws Exception {
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            send("POST", "/api/v1/auth/register", JSON.writeValueAsString(Map.of("name", "Bench", "email", email, "password", "bench password")), null);
            return token(email, "bench password");
        }

        String product(String admin, int stock, String price) throws Exception {
            HttpResponse<String> created = send("POST", "/products", "{\"name\":\"bench\",\"price\":" + price + ",\"quantity\":" + stock + "}", admin);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("product: " + created.body());
            }
            return JSON.readTree(created.body()).get("pk").asText();
        }

        /** Places an order of one and waits until the saga announced its end; its final status (or "timeout"). */
        String orderToTheEnd(String token, String product, OrderEnds ends) throws Exception {
            HttpResponse<String> placed = send("POST", "/orders", "{\"product_id\":\"" + product + "\",\"quantity\":1}", token);
            if (placed.statusCode() != 201) {
                return "refused " + placed.statusCode();
            }
            try {
                return ends.of(JSON.readTree(placed.body()).get("id").asText()).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return "timeout";
            }
        }

        Histogram timeList(int requests, Runnable before) throws Exception {
            Histogram histogram = new Histogram(3);
            for (int i = 0; i < requests; i++) {
                before.run();
                long t0 = System.nanoTime();
                HttpResponse<String> list = send("GET", "/products?page=1&limit=100", null, null);
                histogram.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                if (list.statusCode() != 200) {
                    throw new IllegalStateException("GET /products answered " + list.statusCode());
                }
            }
            return histogram;
        }
    }
}
