package io.caravan.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GraphQL gateway against the real services (over their HTTP endpoints): seed 004's Postman folder
 * API-GATEWAY (requests 17 to 26), its defects fixed, the auth refusals, and bad GraphQL.
 */
class GatewayIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String admin;
    private String email;
    private final String password = "securepassword";

    @BeforeEach
    void administrator() {
        admin = adminToken();
        email = "john-" + UUID.randomUUID() + "@example.com";
    }

    // --- seed 004's Postman requests 17 to 26 ---

    @Test
    void row19And20RegisterAndLogIn() throws Exception {
        JsonNode registered = data(graphql("mutation RegisterUser { registerUser(input: { name: \"John Doe\", email: \"" + email
                + "\", password: \"" + password + "\" }) { id name email } }", null)).get("registerUser");
        assertThat(registered.get("name").asText()).isEqualTo("John Doe");
        assertThat(registered.get("email").asText()).isEqualTo(email);
        assertThat(registered.get("id").asText()).isNotBlank();

        JsonNode tokens = data(graphql("mutation LoginUser { loginUser(input: { email: \"" + email + "\", password: \"" + password
                + "\" }) { accessToken refreshToken } }", null)).get("loginUser");
        assertThat(tokens.get("accessToken").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(tokens.get("refreshToken").asText()).isNotBlank();
    }

    @Test
    void row25CreateProductWithAFloatPriceAsTheAdministrator() throws Exception {
        JsonNode product = data(graphql("mutation CreateProduct { createProduct(input: { name: \"Sample Product\", price: 29.99, stock: 50, "
                + "description: \"This is a description for a sample product.\" }) { id name price stock description } }", admin)).get("createProduct");
        assertThat(product.get("price").asDouble()).isEqualTo(29.99);
        assertThat(product.get("stock").asInt()).isEqualTo(50);
        assertThat(product.get("description").asText()).isEqualTo("This is a description for a sample product.");
    }

    @Test
    void rows23And24ProductsAndOneProduct() throws Exception {
        String id = createProduct("Listed", 19.5, 7);
        JsonNode products = data(graphql("query getProducts { products { id stock price name description } }", null)).get("products");
        assertThat(products.findValuesAsText("id")).contains(id);
        JsonNode product = data(graphql("query getProducts { product(id: \"" + id + "\") { id stock price name description } }", null)).get("product");
        assertThat(product.get("price").asDouble()).isEqualTo(19.5);
        assertThat(data(graphql("query { product(id: \"cm1q1mdk10001zy74gscd7d5v\") { id } }", null)).get("product").isNull()).isTrue();
    }

    @Test
    void rows21And17And18PlaceAnOrderAndReadItBack() throws Exception {
        String token = account();
        String userId = userId(token);
        profile(token);
        String product = createProduct("Ordered", 10, 5);

        JsonNode placed = await().atMost(Duration.ofSeconds(10)).until(() -> graphql("mutation PlaceOrder { placeOrder(input: { userId: \"" + userId
                + "\", items: [{ productId: \"" + product + "\", quantity: 2 }] }) { id userId total status shippingAddress pincode city country "
                + "phoneNumber items { id productId price quantity } } }", token), r -> !r.has("errors")).get("data").get("placeOrder");
        // the whole Order, every non-null field resolvable (seed 004 answered only id and items)
        assertThat(placed.get("status").asText()).isEqualTo("pending");
        assertThat(placed.get("total").asDouble()).isEqualTo(24.0);
        assertThat(placed.get("shippingAddress").asText()).isEqualTo("12 Gateway Road");
        assertThat(placed.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        String orderId = placed.get("id").asText();

        JsonNode orders = data(graphql("query Orders { orders { id userId items { price quantity productId } } }", token)).get("orders");
        assertThat(orders.findValuesAsText("id")).containsExactly(orderId);
        JsonNode order = await().atMost(Duration.ofSeconds(20)).until(() -> data(graphql("query Order { order(id: \"" + orderId
                + "\") { id userId status items { price quantity productId } } }", token)).get("order"), o -> "completed".equals(o.get("status").asText()));
        assertThat(order.get("items").get(0).get("productId").asText()).isEqualTo(product);
    }

    @Test
    void rows22And26UsersForTheAdministratorAndOneUser() throws Exception {
        String token = account();
        String userId = userId(token);
        JsonNode users = data(graphql("query GetUsers { users { email id name } }", admin)).get("users");
        assertThat(users.findValuesAsText("email")).contains(email);
        JsonNode me = data(graphql("query GetUsers { user(id: \"" + userId + "\") { email id name } }", token)).get("user");
        assertThat(me.get("email").asText()).isEqualTo(email);
    }

    // --- seed 004's defects, fixed ---

    @Test
    void writesAndTheUserListNeedTheAdministrator() throws Exception {
        String user = account();
        assertThat(error(graphql("mutation { createProduct(input: { name: \"x\", price: 1, stock: 1, description: \"x\" }) { id } }", user)))
                .isEqualTo("Forbidden");
        assertThat(error(graphql("mutation { createProduct(input: { name: \"x\", price: 1, stock: 1, description: \"x\" }) { id } }", null)))
                .isEqualTo("Not authenticated");
        assertThat(error(graphql("query { users { email } }", user))).isEqualTo("Forbidden");
        assertThat(error(graphql("query { users { email } }", null))).isEqualTo("Not authenticated");
        assertThat(error(graphql("query { orders { id } }", "not-a-token"))).isEqualTo("Not authenticated");
    }

    @Test
    void aUserOrdersForThemselfOnlyAndSeesOnlyTheirOwn() throws Exception {
        String token = account();
        String other = newUserToken();
        String otherId = userId(other);
        String product = createProduct("Mine", 1, 5);
        assertThat(error(graphql("mutation { placeOrder(input: { userId: \"" + otherId + "\", items: [{ productId: \"" + product
                + "\", quantity: 1 }] }) { id } }", token))).isEqualTo("Forbidden");

        profile(other);
        JsonNode placed = await().atMost(Duration.ofSeconds(10)).until(() -> graphql("mutation { placeOrder(input: { userId: \"" + otherId
                + "\", items: [{ productId: \"" + product + "\", quantity: 1 }] }) { id } }", other), r -> !r.has("errors"));
        String orderId = placed.get("data").get("placeOrder").get("id").asText();
        assertThat(data(graphql("query { order(id: \"" + orderId + "\") { id } }", token)).get("order").isNull()).as("someone else's").isTrue();
        assertThat(data(graphql("query { orders { id } }", token)).get("orders")).isEmpty();
        assertThat(data(graphql("query { user(id: \"" + otherId + "\") { id } }", token)).get("user").isNull()).isTrue();
    }

    @Test
    void withoutAProfileTheOrderIsRefusedInWords() throws Exception {
        String token = account();
        String product = createProduct("NoProfile", 1, 5);
        assertThat(error(graphql("mutation { placeOrder(input: { userId: \"" + userId(token) + "\", items: [{ productId: \"" + product
                + "\", quantity: 1 }] }) { id } }", token))).startsWith("create your profile first");
    }

    @Test
    void productsAreFreshAfterACreateAndAfterAnOrderTookStock() throws Exception {
        data(graphql("query { products { id stock } }", null)); // the catalog's cache holds a page now
        String product = createProduct("Fresh", 2, 9);
        JsonNode listed = data(graphql("query { products { id stock } }", null)).get("products");
        assertThat(listed.findValuesAsText("id")).as("a product created is in the next answer").contains(product);

        String token = account();
        profile(token);
        String userId = userId(token);
        String orderId = await().atMost(Duration.ofSeconds(10)).until(() -> graphql("mutation { placeOrder(input: { userId: \"" + userId
                + "\", items: [{ productId: \"" + product + "\", quantity: 4 }] }) { id } }", token), r -> !r.has("errors"))
                .get("data").get("placeOrder").get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(data(graphql("query { order(id: \"" + orderId + "\") { status } }", token))
                .get("order").get("status").asText()));
        JsonNode after = data(graphql("query { products { id stock } }", null)).get("products");
        for (JsonNode p : after) {
            if (p.get("id").asText().equals(product)) {
                assertThat(p.get("stock").asInt()).as("stock taken by the order").isEqualTo(5);
            }
        }
    }

    @Test
    void aListOfOrdersWithTheirItemsIsOneCallToTheOrdersService() throws Exception {
        String token = account();
        profile(token);
        String userId = userId(token);
        String product = createProduct("Batched", 1, 50);
        for (int i = 0; i < 3; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> graphql("mutation { placeOrder(input: { userId: \"" + userId
                    + "\", items: [{ productId: \"" + product + "\", quantity: 1 }] }) { id } }", token), r -> !r.has("errors"));
        }
        NotifyBuilder listCalls = new NotifyBuilder(camel).fromRoute("gateway-orders-list").whenDone(1).create();
        NotifyBuilder singleCalls = new NotifyBuilder(camel).fromRoute("gateway-orders-get").whenDone(1).create();
        JsonNode orders = data(graphql("query { orders { id items { productId quantity price } } }", token)).get("orders");
        assertThat(orders).hasSize(3);
        assertThat(listCalls.matchesWaitTime()).isTrue();
        assertThat(singleCalls.matches()).as("no call per order").isFalse();
    }

    // --- bad GraphQL ---

    @ParameterizedTest
    @ValueSource(strings = {"{ products { id ", "query { nothing }", "query { products { nothing } }", "mutation { placeOrder { id } }",
        "query { product(id: true) { id } }", "subscription { products { id } }", "{ __typename @nope }"})
    void malformedOrInvalidGraphqlIsAGraphqlErrorNotA5xx(String query) throws Exception {
        HttpResponse<String> response = post(Map.of("query", query), null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errors")).isNotEmpty();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("io.caravan").doesNotContain("\tat ");
    }

    @Test
    void tooDeepTooComplexOrTooLongQueriesAreRefused() throws Exception {
        String deep = "query { __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }";
        assertThat(error(graphql(deep, null))).contains("depth");
        StringBuilder wide = new StringBuilder("query {");
        for (int i = 0; i < 300; i++) {
            wide.append(" p").append(i).append(": products { id }");
        }
        assertThat(error(graphql(wide + " }", null))).contains("complexity");
        assertThat(post(Map.of("query", "query { " + "products { id } ".repeat(2000) + "}"), null).statusCode()).isEqualTo(422);
        assertThat(post(Map.of("variables", Map.of()), null).statusCode()).as("no query").isEqualTo(422);
    }

    // ------------------------------------------------------------------------------------------

    private HttpResponse<String> post(Map<String, Object> body, String token) throws Exception {
        return send("POST", "/graphql", JSON.writeValueAsString(body), "application/json", "Authorization", token == null ? "" : "Bearer " + token);
    }

    private JsonNode graphql(String query, String token) throws Exception {
        HttpResponse<String> response = post(Map.of("query", query), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode data(JsonNode response) {
        assertThat(response.has("errors")).as("errors: %s", response.get("errors")).isFalse();
        return response.get("data");
    }

    private static String error(JsonNode response) {
        assertThat(response.get("errors")).as("an error in %s", response).isNotNull();
        return response.get("errors").get(0).get("message").asText();
    }

    private String account() throws Exception {
        data(graphql("mutation { registerUser(input: { name: \"John\", email: \"" + email + "\", password: \"" + password + "\" }) { id } }", null));
        return data(graphql("mutation { loginUser(input: { email: \"" + email + "\", password: \"" + password + "\" }) { accessToken } }", null))
                .get("loginUser").get("accessToken").asText();
    }

    private String userId(String token) throws Exception {
        return JSON.readTree(send("POST", "/validate", null, null, "Authorization", "Bearer " + token).body()).get("sub").asText();
    }

    private void profile(String token) throws Exception {
        HttpResponse<String> saved = send("PUT", "/api/v1/users/me/profile", JSON.writeValueAsString(Map.of("shippingAddress", "12 Gateway Road",
                "city", "Bengaluru", "pincode", "560001", "country", "IN", "phoneNumber", "+91 80 1234")), "application/json",
                "Authorization", "Bearer " + token);
        assertThat(saved.statusCode()).isEqualTo(200);
    }

    private String createProduct(String name, double price, int stock) throws Exception {
        return data(graphql("mutation { createProduct(input: { name: \"" + name + "\", price: " + price + ", stock: " + stock
                + ", description: \"d\" }) { id } }", admin)).get("createProduct").get("id").asText();
    }
}
