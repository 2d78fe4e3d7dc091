package io.caravan.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.testing.CaravanIT;
import io.caravan.testing.ServerControl;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.stream.StreamRecords;

/**
 * Orders and the complete/refund saga on real PostgreSQL, Redis and the AMQP broker: seed 000's four
 * order checks, seed 004's multi-item API, the one pricing rule, the saga's outcomes under concurrency,
 * redelivered and reclaimed entries, a Redis outage, shipping details that follow the profile, cached
 * lists that are never stale, owner-only reads.
 */
class OrdersIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String admin;
    private String user;

    @BeforeEach
    void accounts() throws Exception {
        admin = adminToken();
        user = newUserToken();
    }

    // --- seed 000's test_orders.py ---

    @Test
    void test1ACreatedOrderEchoesProductAndQuantityWithItsPk() throws Exception {
        String product = product(10, "19.99");
        HttpResponse<String> created = order(user, product, 2);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("product_id").asText()).isEqualTo(product);
        assertThat(body.get("quantity").asInt()).isEqualTo(2);
        assertThat(body.get("pk").asText()).isNotBlank().isEqualTo(body.get("id").asText());
        assertThat(body.get("status").asText()).isEqualTo("pending");
    }

    @ParameterizedTest
    @ValueSource(strings = {"product_id", "quantity"})
    void test2AnOrderWithoutAFieldIs422NamingIt(String missing) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("product_id", product(10, "5"), "quantity", 1));
        body.remove(missing);
        HttpResponse<String> refused = send("POST", "/orders", JSON.writeValueAsString(body), "application/json", "Authorization", "Bearer " + user);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("description").asText()).startsWith(missing + ":");
    }

    @Test
    void test3AnOrderReadsAsCreatedButCompleted() throws Exception {
        JsonNode created = JSON.readTree(order(user, product(10, "7.50"), 1).body());
        JsonNode read = awaitStatus(user, created.get("pk").asText(), "completed");
        ObjectNode expected = created.deepCopy();
        expected.put("status", "completed");
        expected.remove("updatedAt");
        ObjectNode actual = read.deepCopy();
        actual.remove("updatedAt");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void test4AnUnknownOrderIs404() throws Exception {
        assertThat(send("GET", "/orders/nonexisting_id", null, null, "Authorization", "Bearer " + user).statusCode()).isEqualTo(404);
    }

    // --- placing ---

    @Test
    void oneRulePricesEveryOrderWithTheQuantity() throws Exception {
        JsonNode single = JSON.readTree(order(user, product(10, "29.99"), 3).body());
        assertThat(single.get("price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(single.get("subtotal").decimalValue()).isEqualByComparingTo("89.97");
        assertThat(single.get("fee").decimalValue()).isEqualByComparingTo("17.99"); // 17.994 half up
        assertThat(single.get("total").decimalValue()).isEqualByComparingTo("107.96");

        profile(user, "1 Main St", "Pune");
        String a = product(10, "10.00");
        String b = product(10, "0.05");
        JsonNode many = JSON.readTree(orderMany(user, List.of(Map.of("productId", a, "quantity", 2), Map.of("productId", b, "quantity", 1))).body())
                .get("message");
        assertThat(many.get("items")).hasSize(2);
        assertThat(many.get("subtotal").decimalValue()).isEqualByComparingTo("20.05");
        assertThat(many.get("fee").decimalValue()).isEqualByComparingTo("4.01");
        assertThat(many.get("total").decimalValue()).isEqualByComparingTo("24.06");
        assertThat(many.get("quantity").asInt()).isEqualTo(3);
    }

    @Test
    void placingNeedsAUserAnOrderOfTheirOwnAndRealProducts() throws Exception {
        String product = product(10, "1");
        assertThat(send("POST", "/orders", "{\"product_id\":\"" + product + "\",\"quantity\":1}", "application/json").statusCode()).isEqualTo(401);
        for (int quantity : new int[] {0, -1, 1001}) {
            assertThat(order(user, product, quantity).statusCode()).as("quantity " + quantity).isEqualTo(422);
        }
        assertThat(order(user, "no-such-product", 1).statusCode()).isEqualTo(404);
        HttpResponse<String> forSomeoneElse = send("POST", "/v1/orders/create-order", JSON.writeValueAsString(Map.of("userId", "someone-else",
                "items", List.of(Map.of("productId", product, "quantity", 1)))), "application/json", "Authorization", "Bearer " + user);
        assertThat(forSomeoneElse.statusCode()).isEqualTo(403);
    }

    @Test
    void seed004sApiNeedsAProfileToShipTo() throws Exception {
        String product = product(10, "3");
        HttpResponse<String> refused = orderMany(user, List.of(Map.of("productId", product, "quantity", 1)));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("description").asText()).startsWith("create your profile first");

        profile(user, "7 Hill Rd", "Mumbai");
        HttpResponse<String> placed = await().atMost(Duration.ofSeconds(10))
                .until(() -> orderMany(user, List.of(Map.of("productId", product, "quantity", 1))), r -> r.statusCode() == 201);
        JsonNode order = JSON.readTree(placed.body());
        assertThat(order.get("status").asInt()).isEqualTo(201);
        assertThat(order.get("message").get("shippingAddress").asText()).isEqualTo("7 Hill Rd");
        assertThat(order.get("message").get("city").asText()).isEqualTo("Mumbai");
    }

    // --- the saga ---

    @Test
    void concurrentOrdersNeverTakeMoreStockThanThereIs() throws Exception {
        String product = product(10, "2.00");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<HttpResponse<String>>> placed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            placed.add(pool.submit(() -> order(user, product, 1)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<HttpResponse<String>> response : placed) {
            assertThat(response.get().statusCode()).isEqualTo(201);
            ids.add(JSON.readTree(response.get().body()).get("id").asText());
        }
        pool.shutdown();

        Map<String, Integer> outcomes = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> statuses(user, ids), s -> s.getOrDefault("completed", 0) + s.getOrDefault("refunded", 0) == 40);
        assertThat(outcomes).containsEntry("completed", 10).containsEntry("refunded", 30);
        assertThat(stock(product)).isZero();
        JsonNode refunded = JSON.readTree(send("GET", "/orders/" + ids.stream().filter(id -> {
            try {
                return "refunded".equals(get(user, id).get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(), null, null, "Authorization", "Bearer " + user).body());
        assertThat(refunded.get("refundReason").asText()).contains("not enough stock");
    }

    @Test
    void aMultiItemOrderWithOneItemShortTakesNoStockAtAll() throws Exception {
        profile(user, "1 Short St", "Delhi");
        String plenty = product(10, "1");
        String scarce = product(1, "1");
        String id = JSON.readTree(orderMany(user, List.of(Map.of("productId", plenty, "quantity", 3), Map.of("productId", scarce, "quantity", 2)))
                .body()).get("message").get("id").asText();
        awaitStatus(user, id, "refunded");
        assertThat(stock(plenty)).isEqualTo(10);
        assertThat(stock(scarce)).isEqualTo(1);
    }

    @Test
    void aProductDeletedBeforeItsStockIsTakenMeansARefund() throws Exception {
        camel.getRouteController().stopRoute("catalog-inventory");
        String id;
        try {
            String product = product(5, "1");
            id = JSON.readTree(order(user, product, 1).body()).get("id").asText();
            awaitStatus(user, id, "paid");
            assertThat(send("DELETE", "/products/" + product, null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(204);
        } finally {
            camel.getRouteController().startRoute("catalog-inventory");
        }
        awaitStatus(user, id, "refunded");
    }

    /** At-least-once delivery, exactly-once effect: the same event again changes nothing. */
    @Test
    void redeliveredSagaEventsChangeNothingTwice() throws Exception {
        String product = product(5, "1");
        String id = JSON.readTree(order(user, product, 2).body()).get("id").asText();
        awaitStatus(user, id, "completed");
        assertThat(stock(product)).isEqualTo(3);

        Map<String, String> paid = entryAbout("order_completed", id);
        Map<String, String> taken = entryAbout("stock_taken", id);
        NotifyBuilder inventory = new NotifyBuilder(camel).fromRoute("catalog-inventory").filter(mentions(id)).whenCompleted(1).create();
        NotifyBuilder completion = new NotifyBuilder(camel).fromRoute("orders-completion").filter(mentions(id)).whenCompleted(1).create();
        redis.opsForStream().add(StreamRecords.string(paid).withStreamKey("order_completed"));
        redis.opsForStream().add(StreamRecords.string(taken).withStreamKey("stock_taken"));
        assertThat(inventory.matches(15, TimeUnit.SECONDS)).as("the redelivered order_completed was handled").isTrue();
        assertThat(completion.matches(15, TimeUnit.SECONDS)).as("the redelivered stock_taken was handled").isTrue();

        assertThat(stock(product)).as("stock taken once").isEqualTo(3);
        assertThat(get(user, id).get("status").asText()).isEqualTo("completed");
        // the outbox is written in the statement of the effect: what a handled copy would have added is there now
        assertThat(outboxRows("catalog_outbox", "stock_taken", id)).as("one stock_taken").isEqualTo(1);
        assertThat(outboxRows("orders_outbox", "order_events", id)).as("pending, paid, completed").isEqualTo(3);
    }

    @Test
    void aRedeliveredRefundChangesNothingTwice() throws Exception {
        String product = product(0, "1");
        String id = JSON.readTree(order(user, product, 1).body()).get("id").asText();
        awaitStatus(user, id, "refunded");
        NotifyBuilder refund = new NotifyBuilder(camel).fromRoute("orders-refund").filter(mentions(id)).whenCompleted(1).create();
        redis.opsForStream().add(StreamRecords.string(entryAbout("refund_order", id)).withStreamKey("refund_order"));
        assertThat(refund.matches(15, TimeUnit.SECONDS)).isTrue();
        assertThat(outboxRows("orders_outbox", "order_events", id)).as("pending, paid, refunded: no second refund").isEqualTo(3);
    }

    /** A consumer that took an entry and died: after reclaim-idle the live one takes it over and the order completes. */
    @Test
    void anEntryHeldByADeadConsumerIsReclaimedAndFinishes() throws Exception {
        camel.getRouteController().stopRoute("catalog-inventory");
        String id;
        try {
            id = JSON.readTree(order(user, product(5, "1"), 1).body()).get("id").asText();
            awaitStatus(user, id, "paid");
            // a consumer of the inventory group reads the entry and dies without acknowledging it
            Map<String, String> entry = await().atMost(Duration.ofSeconds(10)).until(() -> entryAbout("order_completed", id), e -> e != null);
            redis.opsForStream().read(org.springframework.data.redis.connection.stream.Consumer.from("inventory-group", "dead-inventory"),
                    org.springframework.data.redis.connection.stream.StreamOffset.create("order_completed",
                            org.springframework.data.redis.connection.stream.ReadOffset.lastConsumed()));
            assertThat(entry).isNotEmpty();
            assertThat(redis.opsForStream().pending("order_completed", "inventory-group").getTotalPendingMessages()).isPositive();
        } finally {
            camel.getRouteController().startRoute("catalog-inventory");
        }
        awaitStatus(user, id, "completed");
        await().atMost(Duration.ofSeconds(15)).until(() -> redis.opsForStream().pending("order_completed", "inventory-group").getTotalPendingMessages() == 0);
    }

    @Test
    void ordersPlacedWhileRedisIsDownAreKeptAndCompleteWhenItIsBack() throws Exception {
        ServerControl control = redisControl();
        Assumptions.assumeTrue(control != null, "this run cannot restart Redis");
        String product = product(10, "4");
        List<String> ids = new ArrayList<>();
        control.stop();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> placed = order(user, product, 1);
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
                ids.add(JSON.readTree(placed.body()).get("id").asText());
            }
        } finally {
            control.start();
        }
        for (String id : ids) {
            awaitStatus(user, id, "completed");
        }
        assertThat(stock(product)).isEqualTo(7);
    }

    // --- shipping details follow the profile; shipping ---

    @Test
    void aProfileChangeFollowsIntoEveryOpenOrderButNotAShippedOne() throws Exception {
        profile(user, "Old Road 1", "Pune");
        String product = product(10, "1");
        String shipped = await().atMost(Duration.ofSeconds(10)).until(() -> orderMany(user, List.of(Map.of("productId", product, "quantity", 1))),
                r -> r.statusCode() == 201).body();
        String shippedId = JSON.readTree(shipped).get("message").get("id").asText();
        String openId = JSON.readTree(orderMany(user, List.of(Map.of("productId", product, "quantity", 1))).body()).get("message").get("id").asText();
        awaitStatus(user, shippedId, "completed");
        HttpResponse<String> ship = send("PATCH", "/v1/orders/update-status/" + shippedId, null, null, "Authorization", "Bearer " + admin);
        assertThat(ship.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ship.body()).get("message").get("status").asText()).isEqualTo("shipped");

        profile(user, "New Avenue 2", "Chennai");
        await().atMost(Duration.ofSeconds(15)).until(() -> "New Avenue 2".equals(get(user, openId).get("shippingAddress").asText()));
        assertThat(get(user, openId).get("city").asText()).isEqualTo("Chennai");
        assertThat(get(user, shippedId).get("shippingAddress").asText()).isEqualTo("Old Road 1");
        // and the cached list shows it at once
        assertThat(send("GET", "/orders", null, null, "Authorization", "Bearer " + user).body()).contains("New Avenue 2");
    }

    @Test
    void shippingNeedsTheAdministratorAndACompletedOrder() throws Exception {
        String id = JSON.readTree(order(user, product(0, "1"), 1).body()).get("id").asText();
        awaitStatus(user, id, "refunded");
        assertThat(send("PATCH", "/v1/orders/update-status/" + id, null, null, "Authorization", "Bearer " + user).statusCode()).isEqualTo(403);
        assertThat(send("PATCH", "/v1/orders/update-status/" + id, null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(409);
        assertThat(send("PATCH", "/v1/orders/update-status/cm1ol8usq0000eje3pyic7we3", null, null, "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(404);
    }

    // --- reading ---

    @Test
    void aUserSeesOnlyTheirOwnOrdersAndAnAdministratorAll() throws Exception {
        String mine = JSON.readTree(order(user, product(10, "1"), 1).body()).get("id").asText();
        String other = newUserToken();
        assertThat(send("GET", "/orders/" + mine, null, null, "Authorization", "Bearer " + other).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/orders/get-order/" + mine, null, null, "Authorization", "Bearer " + other).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/orders", null, null, "Authorization", "Bearer " + other).body()).doesNotContain(mine);
        assertThat(send("GET", "/orders?limit=1000", null, null, "Authorization", "Bearer " + admin).body()).contains(mine);
        assertThat(send("GET", "/orders/" + mine, null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
        JsonNode v1 = JSON.readTree(send("GET", "/v1/orders/get-order/" + mine, null, null, "Authorization", "Bearer " + user).body());
        assertThat(v1.get("message").get(0).get("id").asText()).isEqualTo(mine);
        assertThat(send("GET", "/orders", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theCachedListFollowsEverySagaStep() throws Exception {
        String id = JSON.readTree(order(user, product(10, "1"), 1).body()).get("id").asText();
        assertThat(send("GET", "/orders", null, null, "Authorization", "Bearer " + user).body()).as("right after placing").contains(id);
        awaitStatus(user, id, "completed");
        JsonNode list = JSON.readTree(send("GET", "/orders", null, null, "Authorization", "Bearer " + user).body());
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get(0).get("status").asText()).as("the list shows the saga's outcome").isEqualTo("completed");
    }

    // ------------------------------------------------------------------------------------------

    private String product(int stock, String price) throws Exception {
        HttpResponse<String> created = send("POST", "/products", "{\"name\":\"p-" + UUID.randomUUID() + "\",\"price\":" + price + ",\"quantity\":" + stock + "}",
                "application/json", "Authorization", "Bearer " + admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("pk").asText();
    }

    private int stock(String product) throws Exception {
        return JSON.readTree(send("GET", "/products/" + product, null, null).body()).get("stock").asInt();
    }

    private HttpResponse<String> order(String token, String product, int quantity) throws Exception {
        return send("POST", "/orders", "{\"product_id\":\"" + product + "\",\"quantity\":" + quantity + "}", "application/json",
                "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> orderMany(String token, List<Map<String, Object>> items) throws Exception {
        String userId = JSON.readTree(send("POST", "/validate", null, null, "Authorization", "Bearer " + token).body()).get("sub").asText();
        return send("POST", "/v1/orders/create-order", JSON.writeValueAsString(Map.of("userId", userId, "items", items)), "application/json",
                "Authorization", "Bearer " + token);
    }

    /** The user's profile, through identity: orders learns it from the user_profile_updated event. */
    private void profile(String token, String address, String city) throws Exception {
        HttpResponse<String> saved = send("PUT", "/api/v1/users/me/profile", JSON.writeValueAsString(Map.of("shippingAddress", address, "city", city,
                "pincode", "411001", "country", "IN", "phoneNumber", "+91 20 1234")), "application/json", "Authorization", "Bearer " + token);
        assertThat(saved.statusCode()).isEqualTo(200);
    }

    private JsonNode get(String token, String id) throws Exception {
        return JSON.readTree(send("GET", "/orders/" + id, null, null, "Authorization", "Bearer " + token).body());
    }

    private JsonNode awaitStatus(String token, String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> get(token, id),
                o -> status.equals(o.get("status").asText()));
    }

    private Map<String, Integer> statuses(String token, List<String> ids) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : ids) {
            counts.merge(get(token, id).get("status").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** Outbox rows of a service for a stream that name the order. */
    private int outboxRows(String table, String stream, String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE stream = ? AND payload LIKE ?", Integer.class,
                stream, "%" + orderId + "%");
    }

    private Map<String, String> entryAbout(String stream, String orderId) {
        List<Map<String, String>> found = entriesAbout(stream, orderId);
        return found.isEmpty() ? null : found.get(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, String>> entriesAbout(String stream, String orderId) {
        List<Map<String, String>> found = new ArrayList<>();
        entries(stream).forEach(e -> {
            if (String.valueOf(e.getValue().get("event")).contains(orderId)) {
                found.add((Map) new HashMap<>(e.getValue()));
            }
        });
        return found;
    }

    private static org.apache.camel.Predicate mentions(String text) {
        return exchange -> String.valueOf(exchange.getIn().getBody()).contains(text)
                || exchange.getVariables().values().stream().anyMatch(v -> String.valueOf(v).contains(text));
    }
}
