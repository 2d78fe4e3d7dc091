package io.caravan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.stream.MapRecord;

/**
 * The catalog: seed 000's nine product checks (its {@code test_products.py}, with the administrator's
 * token its writes now need), seed 004's aliases, the auth rules, exact prices, the product events,
 * and a cached list that is never stale after a write.
 */
class CatalogIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String admin;
    private Map<String, Object> example;

    @BeforeEach
    void administratorAndExample() {
        admin = adminToken();
        // seed 000's example: {"name":"Test","price":randint(10,100),"quantity":randint(10,25)}
        example = new LinkedHashMap<>(Map.of("name", "Test " + UUID.randomUUID(), "price", ThreadLocalRandom.current().nextInt(10, 101),
                "quantity", ThreadLocalRandom.current().nextInt(10, 26)));
    }

    // --- seed 000's test_products.py, 1 to 9 ---

    @Test
    void test1TheListIsAList() throws Exception {
        HttpResponse<String> list = send("GET", "/products", null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).isArray()).isTrue();
    }

    @Test
    void test2ACreatedProductEchoesTheExampleWithItsPk() throws Exception {
        HttpResponse<String> created = post("/products", example, admin);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        example.forEach((key, value) -> assertThat(body.get(key).asText()).as(key).isEqualTo(String.valueOf(value)));
        assertThat(body.get("pk").asText()).isNotBlank().isEqualTo(body.get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "price", "quantity"})
    void test3AProductWithoutAFieldIs422NamingIt(String missing) throws Exception {
        example.remove(missing);
        HttpResponse<String> refused = post("/products", example, admin);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("description").asText()).startsWith(missing + ":");
    }

    @Test
    void test4AProductReadsAsItWasCreated() throws Exception {
        JsonNode created = JSON.readTree(post("/products", example, admin).body());
        HttpResponse<String> read = send("GET", "/products/" + created.get("pk").asText(), null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body())).isEqualTo(created);
    }

    @Test
    void test5AnUnknownProductIs404() throws Exception {
        assertThat(send("GET", "/products/nonexisting_id", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void test6AnUpdatedProductHasTheNewValues() throws Exception {
        String pk = JSON.readTree(post("/products", example, admin).body()).get("pk").asText();
        Map<String, Object> changed = Map.of("name", "Changed", "price", 77, "quantity", 3);
        HttpResponse<String> updated = send("PUT", "/products/" + pk, JSON.writeValueAsString(changed), "application/json", "Authorization", "Bearer " + admin);
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(updated.body());
        changed.forEach((key, value) -> assertThat(body.get(key).asText()).as(key).isEqualTo(String.valueOf(value)));
    }

    @Test
    void test7UpdatingAnUnknownProductIs404() throws Exception {
        assertThat(send("PUT", "/products/nonexisting_id", JSON.writeValueAsString(example), "application/json",
                "Authorization", "Bearer " + admin).statusCode()).isEqualTo(404);
    }

    @Test
    void test8ADeletedProductIs204AndGone() throws Exception {
        String pk = JSON.readTree(post("/products", example, admin).body()).get("pk").asText();
        HttpResponse<String> deleted = send("DELETE", "/products/" + pk, null, null, "Authorization", "Bearer " + admin);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(send("GET", "/products/" + pk, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void test9DeletingAnUnknownProductIs404() throws Exception {
        assertThat(send("DELETE", "/products/nonexisting_id", null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(404);
    }

    // --- beyond the seed ---

    @Test
    void writesNeedTheAdministratorReadsArePublic() throws Exception {
        String pk = JSON.readTree(post("/products", example, admin).body()).get("pk").asText();
        String user = newUserToken();
        for (String token : new String[] {null, user}) {
            int expected = token == null ? 401 : 403;
            String[] auth = token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
            assertThat(send("POST", "/products", JSON.writeValueAsString(example), "application/json", auth).statusCode()).isEqualTo(expected);
            assertThat(send("PUT", "/products/" + pk, JSON.writeValueAsString(example), "application/json", auth).statusCode()).isEqualTo(expected);
            assertThat(send("DELETE", "/products/" + pk, null, null, auth).statusCode()).isEqualTo(expected);
            assertThat(send("POST", "/v1/product/create-product", JSON.writeValueAsString(v1()), "application/json", auth).statusCode()).isEqualTo(expected);
            assertThat(send("DELETE", "/v1/product/delete-product/" + pk, null, null, auth).statusCode()).isEqualTo(expected);
        }
        assertThat(send("GET", "/products/" + pk, null, null).statusCode()).as("still there").isEqualTo(200);
    }

    @Test
    void pricesKeepTheirCentsExactly() throws Exception {
        for (String price : List.of("29.99", "42.5", "0.01", "1234567.89")) {
            HttpResponse<String> created = send("POST", "/products", "{\"name\":\"cents\",\"price\":" + price + ",\"quantity\":1}",
                    "application/json", "Authorization", "Bearer " + admin);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"price\" : " + price + ",");
        }
        for (String bad : List.of("29.999", "-1", "1e12", "\"12\"")) {
            assertThat(send("POST", "/products", "{\"name\":\"cents\",\"price\":" + bad + ",\"quantity\":1}", "application/json",
                    "Authorization", "Bearer " + admin).statusCode()).as(bad).isEqualTo(422);
        }
        assertThat(send("POST", "/products", "{\"name\":\"neg\",\"price\":1,\"quantity\":-1}", "application/json",
                "Authorization", "Bearer " + admin).statusCode()).isEqualTo(422);
    }

    @Test
    void seed004sAliasesAnswerInItsEnvelopeWithFloatPricesAnd404s() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/product/create-product", JSON.writeValueAsString(v1()), "application/json",
                "Authorization", "Bearer " + admin);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode envelope = JSON.readTree(created.body());
        assertThat(envelope.get("status").asInt()).isEqualTo(201);
        JsonNode product = envelope.get("message");
        assertThat(product.get("price").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(product.get("stock").asInt()).isEqualTo(50);
        String id = product.get("id").asText();

        JsonNode read = JSON.readTree(send("GET", "/v1/product/get-product/" + id, null, null).body());
        assertThat(read.get("status").asInt()).isEqualTo(200);
        assertThat(read.get("message").get("description").asText()).isEqualTo("This is a description for a sample product.");

        HttpResponse<String> patched = send("PATCH", "/v1/product/update-product/" + id,
                "{\"name\":\"boat pola 2\",\"description\":\"updated\",\"price\":3300,\"stock\":10}", "application/json", "Authorization", "Bearer " + admin);
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).get("message").get("stock").asInt()).isEqualTo(10);

        JsonNode all = JSON.readTree(send("GET", "/v1/product/get-all-products", null, null).body());
        assertThat(all.get("message").findValuesAsText("id")).contains(id);

        assertThat(send("GET", "/v1/product/get-product/cm1nyby6h00008tj70lmhnoqy", null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/product/delete-product/" + id, null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/v1/product/delete-product/" + id, null, null, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(404);
    }

    @Test
    void everyChangeIsAProductEventOnTheStream() throws Exception {
        String pk = JSON.readTree(post("/products", example, admin).body()).get("pk").asText();
        send("PUT", "/products/" + pk, JSON.writeValueAsString(example), "application/json", "Authorization", "Bearer " + admin);
        send("DELETE", "/products/" + pk, null, null, "Authorization", "Bearer " + admin);

        List<String> types = await().atMost(Duration.ofSeconds(10)).until(() -> productEventTypes(pk), t -> t.size() == 3);
        assertThat(types).containsExactly("product_created", "product_updated", "product_deleted");
    }

    @Test
    void theCachedListIsNeverStaleAfterAWrite() throws Exception {
        String before = send("GET", "/products?limit=1000", null, null).body();
        assertThat(send("GET", "/products?limit=1000", null, null).body()).as("served from the cache").isEqualTo(before);

        String pk = JSON.readTree(post("/products", example, admin).body()).get("pk").asText();
        assertThat(ids(send("GET", "/products?limit=1000", null, null).body())).as("after a create").contains(pk);

        send("PUT", "/products/" + pk, "{\"name\":\"renamed\",\"price\":1,\"quantity\":1}", "application/json", "Authorization", "Bearer " + admin);
        assertThat(send("GET", "/products?limit=1000", null, null).body()).as("after an update").contains("renamed");

        send("DELETE", "/products/" + pk, null, null, "Authorization", "Bearer " + admin);
        assertThat(ids(send("GET", "/products?limit=1000", null, null).body())).as("after a delete").doesNotContain(pk);
    }

    @Test
    void pagesAndIds() throws Exception {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(JSON.readTree(post("/products", example, admin).body()).get("pk").asText());
        }
        JsonNode some = JSON.readTree(send("GET", "/products?ids=" + String.join(",", made) + ",nonexisting_id", null, null).body());
        assertThat(some.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(made);
        assertThat(JSON.readTree(send("GET", "/products?page=1&limit=2", null, null).body()).size()).isEqualTo(2);
        for (String bad : List.of("page=0", "limit=0", "limit=1001", "page=x", "ids=a;b", "ids=")) {
            HttpResponse<String> refused = send("GET", "/products?" + bad, null, null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
        }
    }

    private Map<String, Object> v1() {
        return Map.of("name", "Sample Product", "price", 29.99, "stock", 50, "description", "This is a description for a sample product.");
    }

    private HttpResponse<String> post(String path, Map<String, Object> body, String token) throws Exception {
        return send("POST", path, JSON.writeValueAsString(body), "application/json", "Authorization", "Bearer " + token);
    }

    private static List<String> ids(String list) throws Exception {
        return JSON.readTree(list).findValuesAsText("id");
    }

    private List<String> productEventTypes(String productId) throws Exception {
        List<String> types = new ArrayList<>();
        for (MapRecord<String, Object, Object> entry : entries("product_events")) {
            JsonNode event = JSON.readTree((String) entry.getValue().get("event"));
            if (productId.equals(event.get("productId").asText())) {
                types.add(event.get("type").asText());
            }
        }
        return types;
    }
}
