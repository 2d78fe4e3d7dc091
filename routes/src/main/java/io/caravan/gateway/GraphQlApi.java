package io.caravan.gateway;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.security.BearerTokens;
import io.caravan.platform.security.Caller;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Seed 004's GraphQL API on graphql-java, schema-first ({@code gateway/schema.graphqls}, as written),
 * its defects fixed: prices are {@code Float} end to end; {@code createProduct} and {@code users} need
 * the administrator; {@code placeOrder} needs a user placing for themself and answers the whole
 * {@code Order}; {@code order(id)} and {@code orders} show a user only their own. Tokens are verified
 * here, locally (the platform's verifier), and passed on to the services, which check them again.
 * Queries deeper or more complex than the configured limits are refused before they run.
 */
@Component
@ConditionalOnService(CaravanService.GATEWAY)
public class GraphQlApi {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlApi.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String AUTHORIZATION = "authorization";

    /** {@code POST /graphql}'s body. */
    public record Request(@NotBlank(message = "is required") @Size(max = 20_000) String query,
                          Map<String, Object> variables,
                          @Size(max = 200) String operationName) {
    }

    private final Downstream downstream;
    private final BearerTokens bearer;
    private final GraphQL graphql;
    private final int maxQueryLength;

    GraphQlApi(Downstream downstream, BearerTokens bearer, GatewayProperties properties) throws IOException {
        this.downstream = downstream;
        this.bearer = bearer;
        this.maxQueryLength = properties.graphql().maxQueryLength();
        this.graphql = GraphQL.newGraphQL(schema())
                .instrumentation(new ChainedInstrumentation(
                        new MaxQueryDepthInstrumentation(properties.graphql().maxDepth()),
                        new MaxQueryComplexityInstrumentation(properties.graphql().maxComplexity())))
                .defaultDataFetcherExceptionHandler(new CleanErrors())
                .build();
    }

    /** Runs a request; the GraphQL response ({@code data}, {@code errors}) whatever happened. */
    public Map<String, Object> execute(@Body Request request, @Header("Authorization") String authorization) {
        if (request.query().length() > maxQueryLength) {
            throw ApiException.invalid("query: must be at most " + maxQueryLength + " characters");
        }
        ExecutionInput input = ExecutionInput.newExecutionInput(request.query())
                .variables(request.variables() == null ? Map.of() : request.variables())
                .operationName(request.operationName())
                .graphQLContext(context -> {
                    if (authorization != null) {
                        context.put(AUTHORIZATION, authorization);
                    }
                })
                .build();
        return graphql.execute(input).toSpecification();
    }

    private GraphQLSchema schema() throws IOException {
        try (var reader = new InputStreamReader(new ClassPathResource("gateway/schema.graphqls").getInputStream(), StandardCharsets.UTF_8)) {
            RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type
                            .dataFetcher("users", env -> users(downstream.call("gateway-identity-users", admin(env), null, null)))
                            .dataFetcher("user", env -> orNull(() -> user(downstream.call("gateway-identity-user", signedIn(env), null, id(env)))))
                            .dataFetcher("products", env -> products(downstream.call("gateway-catalog-products", null, null, null)))
                            .dataFetcher("product", env -> orNull(() -> product(downstream.call("gateway-catalog-product", null, null, id(env)))))
                            .dataFetcher("orders", env -> orders(downstream.call("gateway-orders-list", signedIn(env), null, null)))
                            .dataFetcher("order", env -> orNull(() -> order(downstream.call("gateway-orders-get", signedIn(env), null, id(env))))))
                    .type("Mutation", type -> type
                            .dataFetcher("registerUser", env -> user(downstream.call("gateway-identity-register", null, input(env), null)))
                            .dataFetcher("loginUser", env -> tokens(downstream.call("gateway-identity-login", null, input(env), null)))
                            .dataFetcher("createProduct", env -> product(downstream.call("gateway-catalog-create", admin(env), input(env), null)
                                    .get("message")))
                            .dataFetcher("placeOrder", env -> order(downstream.call("gateway-orders-place", ownOrder(env), input(env), null)
                                    .get("message"))))
                    .build();
            return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(reader), wiring);
        }
    }

    // --- who may ---

    /** The caller's {@code Authorization} header, verified here; "Not authenticated" otherwise. */
    private String signedIn(DataFetchingEnvironment env) {
        String authorization = env.getGraphQlContext().get(AUTHORIZATION);
        caller(authorization);
        return authorization;
    }

    private String admin(DataFetchingEnvironment env) {
        String authorization = env.getGraphQlContext().get(AUTHORIZATION);
        if (!caller(authorization).isAdmin()) {
            throw GatewayError.forbidden();
        }
        return authorization;
    }

    /** {@code placeOrder}: a user places an order for themself only (seed 004 let anyone order for anyone). */
    private String ownOrder(DataFetchingEnvironment env) {
        String authorization = env.getGraphQlContext().get(AUTHORIZATION);
        Object userId = env.<Map<String, Object>>getArgument("input").get("userId");
        if (!caller(authorization).userId().equals(String.valueOf(userId))) {
            throw GatewayError.forbidden();
        }
        return authorization;
    }

    private Caller caller(String authorization) {
        try {
            return bearer.caller(authorization);
        } catch (ApiException e) {
            throw e.status() == 503 ? new GatewayError(GatewayError.Kind.UNAVAILABLE, e.getMessage()) : GatewayError.notAuthenticated();
        }
    }

    // --- arguments ---

    /** An {@code ID} argument; one that cannot be an id finds nothing. */
    private static String id(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new GatewayError(GatewayError.Kind.NOT_FOUND, "not found");
        }
        return id;
    }

    private static Map<String, Object> input(DataFetchingEnvironment env) {
        return env.getArgument("input");
    }

    /** A query for one thing answers null when it does not exist (or is not the caller's). */
    private static Object orNull(java.util.concurrent.Callable<Object> fetch) throws Exception {
        try {
            return fetch.call();
        } catch (GatewayError e) {
            if (e.kind() == GatewayError.Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    // --- the services' JSON as the schema's types ---

    private static List<Map<String, Object>> users(JsonNode list) {
        List<Map<String, Object>> users = new ArrayList<>();
        list.forEach(user -> users.add(user(user)));
        return users;
    }

    private static Map<String, Object> user(JsonNode user) {
        return fields(user, "id", "name", "email");
    }

    private static Map<String, Object> tokens(JsonNode pair) {
        return fields(pair, "accessToken", "refreshToken");
    }

    private static List<Map<String, Object>> products(JsonNode list) {
        List<Map<String, Object>> products = new ArrayList<>();
        list.forEach(product -> products.add(product(product)));
        return products;
    }

    private static Map<String, Object> product(JsonNode product) {
        Map<String, Object> fields = fields(product, "id", "name", "description");
        fields.put("price", product.get("price").decimalValue());
        fields.put("stock", product.get("stock").asInt());
        return fields;
    }

    private static List<Map<String, Object>> orders(JsonNode list) {
        List<Map<String, Object>> orders = new ArrayList<>();
        list.forEach(order -> orders.add(order(order)));
        return orders;
    }

    /**
     * An order, every non-null field of the schema filled: the items come with the order itself (one call
     * for a list, never one per order); shipping details an order of seed 000's API has none of are empty.
     */
    private static Map<String, Object> order(JsonNode order) {
        Map<String, Object> fields = fields(order, "id", "userId", "status", "shippingAddress", "pincode", "city", "country", "phoneNumber");
        fields.replaceAll((name, value) -> value == null ? "" : value);
        fields.put("total", order.get("total").decimalValue());
        List<Map<String, Object>> items = new ArrayList<>();
        order.get("items").forEach(item -> {
            Map<String, Object> line = fields(item, "id", "productId");
            line.put("quantity", item.get("quantity").asInt());
            line.put("price", item.get("price").decimalValue());
            items.add(line);
        });
        fields.put("items", items);
        return fields;
    }

    private static Map<String, Object> fields(JsonNode node, String... names) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode value = node.get(name);
            fields.put(name, value == null || value.isNull() ? null : value.asText());
        }
        return fields;
    }

    /** Errors in words: a {@link GatewayError}'s message and kind; anything else logged, and told as an internal error. */
    private static final class CleanErrors implements DataFetcherExceptionHandler {

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable thrown = parameters.getException();
            String message;
            String kind;
            if (thrown instanceof GatewayError error) {
                message = error.getMessage();
                kind = error.kind().name();
            } else {
                LOG.error("GraphQL field {} failed", parameters.getPath(), thrown);
                message = "Internal error";
                kind = "INTERNAL_ERROR";
            }
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message(message)
                    .path(parameters.getPath())
                    .location(parameters.getSourceLocation())
                    .extensions(Map.of("classification", kind))
                    .build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }
}
