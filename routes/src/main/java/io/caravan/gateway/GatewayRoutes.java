package io.caravan.gateway;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.JsonRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The gateway: seed 004's GraphQL API at {@code POST /graphql} ({@link GraphQlApi}), and one route per
 * call it makes to a service. The gateway reaches the services only through their HTTP endpoints
 * ({@code caravan.gateway.*-url}; this process by default), never through their Java classes, so it runs
 * as its own pod; every call carries the caller's token and has the platform's HTTP timeouts.
 */
@Component
@ConditionalOnService(CaravanService.GATEWAY)
class GatewayRoutes extends RouteBuilder {

    private final GraphQlApi graphql;
    private final GatewayEndpoints endpoints;

    GatewayRoutes(GraphQlApi graphql, GatewayEndpoints endpoints) {
        this.graphql = graphql;
        this.endpoints = endpoints;
    }

    @Override
    public void configure() {
        // @formatter:off
        rest("/graphql").description("Seed 004's GraphQL API (its schema as written); errors are GraphQL errors")
            .post().id("gateway-post-graphql").type(GraphQlApi.Request.class)
                .description("{query, variables?, operationName?}; Authorization: Bearer <token> for what needs a user")
                .to("direct:gateway-graphql");

        from("direct:gateway-graphql").routeId("gateway-graphql").routeConfigurationId(HttpApiErrors.ID)
            .unmarshal(JsonRequest.of(GraphQlApi.Request.class))
            .bean(graphql, "execute")
            .process(Answer.ok());

        // one route per call, so each is seen (and timed) by its id
        call("gateway-identity-register", "POST", "identity", "/api/v1/auth/register");
        call("gateway-identity-login", "POST", "identity", "/api/v1/auth/login");
        call("gateway-identity-users", "GET", "identity", "/api/v1/users?limit=1000");
        call("gateway-identity-user", "GET", "identity", "/api/v1/users/${variable.id}");
        call("gateway-catalog-products", "GET", "catalog", "/products?limit=1000");
        call("gateway-catalog-product", "GET", "catalog", "/products/${variable.id}");
        call("gateway-catalog-create", "POST", "catalog", "/v1/product/create-product");
        call("gateway-orders-list", "GET", "orders", "/orders?limit=1000");
        call("gateway-orders-get", "GET", "orders", "/orders/${variable.id}");
        call("gateway-orders-place", "POST", "orders", "/v1/orders/create-order");
        // @formatter:on
    }

    /** A call to a service: the caller's token and the request body from variables; the answer checked by {@link Downstream#answer}. */
    private void call(String routeId, String method, String service, String path) {
        from("direct:" + routeId).routeId(routeId).errorHandler(noErrorHandler())
            .setVariable("service", constant(service))
            .setVariable("baseUrl", method(endpoints, "url('" + service + "')"))
            .removeHeaders("*")
            .setHeader(Exchange.HTTP_METHOD, constant(method))
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .setHeader("Authorization", variable("authorization"))
            .setBody(variable("request"))
            .toD("${variable.baseUrl}" + path + (path.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false")
            .bean(Downstream.class, "answer");
    }
}
