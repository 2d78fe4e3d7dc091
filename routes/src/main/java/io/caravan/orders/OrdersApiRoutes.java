package io.caravan.orders;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.OutboxRelay;
import io.caravan.platform.SqlParams;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.ApiError;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.JsonRequest;
import io.caravan.platform.http.Paging;
import io.caravan.platform.http.RawJson;
import io.caravan.platform.security.BearerTokens;
import io.caravan.platform.security.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * Orders (seed 000's payments, seed 004's order service): a logged-in user places an order for
 * themself and reads their own; an administrator reads all and ships. Placing asks the catalog for
 * the products (its HTTP endpoint, never its code), prices the order by the one rule, and stores it
 * {@code pending} with its {@code order_placed} event in one transaction (the outbox): the saga
 * ({@link OrdersSagaRoutes}) takes it from there.
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
class OrdersApiRoutes extends RouteBuilder {

    private final BearerTokens bearer;
    private final Pricing pricing;
    private final OrderLists lists;
    private final OrdersConfiguration.CatalogEndpoint catalog;

    OrdersApiRoutes(BearerTokens bearer, Pricing pricing, OrderLists lists, OrdersConfiguration.CatalogEndpoint catalog) {
        this.bearer = bearer;
        this.pricing = pricing;
        this.lists = lists;
        this.catalog = catalog;
    }

    @Override
    public void configure() {
        // the catalog unreachable (connection refused, timeout): the order cannot be priced now
        onException(java.io.IOException.class).handled(true)
                .log(LoggingLevel.WARN, "The catalog is unreachable: ${exception.message}")
                .process(ApiError.respond(503, "Service Unavailable", "the catalog is unavailable; try again"));

        // @formatter:off
        rest("/orders").description("Orders (seed 000's payments): a user's own; an administrator's: all")
            .post().id("orders-post-order").type(OrderRequests.SingleItem.class)
                .description("Place an order of one product for the caller: 201 pending; completed or refunded by the saga")
                .to("direct:orders-place-single")
            .get().id("orders-get-orders").description("A page of orders, newest first")
                .param().name("page").type(RestParamType.query).dataType("integer").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").endParam()
                .to("direct:orders-list")
            .get("/{id}").id("orders-get-order").description("The order, if it is the caller's (or the caller is an administrator)")
                .to("direct:orders-get");
        rest("/v1/orders").description("Seed 004's order service, in its {status, message} envelope")
            .post("/create-order").id("orders-post-order-v1").type(OrderRequests.ManyItems.class)
                .description("Place an order of several items for the caller (a profile to ship to is required)")
                .to("direct:orders-place-many")
            .get("/get-order/{id}").id("orders-get-order-v1").to("direct:orders-get-v1")
            .get("/get-all-orders").id("orders-get-orders-v1").to("direct:orders-list-v1")
            .patch("/update-status/{id}").id("orders-patch-status-v1").description("Ship a completed order (administrator)")
                .to("direct:orders-ship");

        // --- placing ---
        from("direct:orders-place-single").routeId("orders-place-single").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .unmarshal(JsonRequest.of(OrderRequests.SingleItem.class))
            .setBody(method(OrdersApiRoutes.class, "placingOne"))
            .to("direct:orders-place")
            .process(Answer.created());

        from("direct:orders-place-many").routeId("orders-place-many").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .unmarshal(JsonRequest.of(OrderRequests.ManyItems.class))
            .filter(simple("${body.userId()} != ${variable.caller.userId()}"))
                .throwException(ApiException.forbidden("an order can only be placed for yourself"))
            .end()
            .setBody(method(OrdersApiRoutes.class, "placingMany"))
            .to("direct:orders-place")
            .process(Answer.envelope(201));

        from("direct:orders-place").routeId("orders-place").errorHandler(noErrorHandler())
            .setVariable("placing", body())
            .to("direct:orders-fetch-products")
            .setBody(SqlParams.of("userId", "${variable.placing.userId()}"))
            .to("sql:classpath:orders/find-customer.sql?outputType=SelectOne")
            .setVariable("customer", body())
            .bean(pricing, "order")
            .setVariable("order", body())
            .setBody(variable("order"))
            .to("sql:classpath:orders/insert-order.sql")
            // the answer is the order as placed: read before the relay is nudged, or the saga may already have moved it
            .setBody(SqlParams.of("id", "${variable.order[id]}", "userId", "${variable.placing.userId()}", "admin", "false"))
            .to("direct:orders-find")
            .to(ExchangePattern.InOnly, OutboxRelay.nudge("orders"))
            .bean(lists, "invalidate(${variable.placing.userId()})");

        // the catalog's public GET /products?ids=: the products' names and current prices
        from("direct:orders-fetch-products").routeId("orders-fetch-products").errorHandler(noErrorHandler())
            .setVariable("ids", method(pricing, "productIds"))
            .setVariable("catalogUrl", method(catalog, "url"))
            .removeHeaders("*")
            .setBody(constant((Object) null))
            .setHeader(Exchange.HTTP_METHOD, constant("GET"))
            .setHeader(Exchange.HTTP_QUERY, simple("ids=${variable.ids}"))
            .toD("${variable.catalogUrl}/products?throwExceptionOnFailure=false")
            .filter(header(Exchange.HTTP_RESPONSE_CODE).isNotEqualTo(200))
                .log(LoggingLevel.WARN, "The catalog answered ${header.CamelHttpResponseCode}: ${body}")
                .throwException(ApiException.unavailable("the catalog is unavailable; try again"))
            .end()
            .setVariable("products", bodyAs(String.class));

        // --- reading ---
        from("direct:orders-get").routeId("orders-get").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setBody(SqlParams.of("id", "${header.id}", "userId", "${variable.caller.userId()}", "admin", "${variable.caller.isAdmin()}"))
            .to("direct:orders-find")
            .process(Answer.ok());

        from("direct:orders-get-v1").routeId("orders-get-v1").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setBody(SqlParams.of("id", "${header.id}", "userId", "${variable.caller.userId()}", "admin", "${variable.caller.isAdmin()}"))
            .to("direct:orders-find")
            // seed 004 answered a list of the one order
            .setBody(method(OrdersApiRoutes.class, "listOfOne"))
            .process(Answer.envelope(200));

        // someone else's order is as unknown as one that does not exist
        from("direct:orders-find").routeId("orders-find").errorHandler(noErrorHandler())
            .to("sql:classpath:orders/find-order.sql?outputType=SelectOne")
            .filter(body().isNull())
                .throwException(ApiException.notFound("no such order"))
            .end()
            .setVariable("found", body())
            .setBody(simple("${body[body]}"))
            .bean(RawJson.class, "of");

        from("direct:orders-list").routeId("orders-list").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .to("direct:orders-page")
            .process(Answer.ok());

        from("direct:orders-list-v1").routeId("orders-list-v1").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .removeHeaders("page|limit")
            .to("direct:orders-page")
            .process(Answer.envelope(200));

        // a page from the cache, or from the database into the cache (keyed under the generation read first)
        from("direct:orders-page").routeId("orders-page").errorHandler(noErrorHandler())
            .setVariable("paging", method(Paging.class, "of"))
            .setVariable("cacheKey", method(lists, "key"))
            .setBody(method(lists, "get"))
            .filter(body().isNull())
                .setBody(SqlParams.of("userId", "${variable.caller.userId()}", "admin", "${variable.caller.isAdmin()}",
                        "limit", "${variable.paging.limit()}", "offset", "${variable.paging.offset()}"))
                .to("sql:classpath:orders/list-orders.sql?outputType=SelectOne")
                .bean(lists, "put(${variable.cacheKey}, ${body})")
            .end()
            .bean(RawJson.class, "of");

        // --- shipping (seed 004's update-status): a completed order, by an administrator ---
        from("direct:orders-ship").routeId("orders-ship").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.requireRole(Caller.ADMIN))
            .setBody(SqlParams.of("id", "${header.id}", "userId", "", "admin", "true"))
            .to("direct:orders-find")
            .filter(simple("${variable.found[status]} != 'completed'"))
                .throwException(ApiException.conflict("only a completed order can be shipped"))
            .end()
            .setVariable("step", constant(OrdersSagaRoutes.SHIP))
            .setVariable("event", method(OrdersSagaRoutes.class, "shipping(${header.id})"))
            .to("direct:orders-transition")
            .filter(variable("changed").isNull())
                .throwException(ApiException.conflict("the order changed meanwhile; read it again"))
            .end()
            .setBody(simple("${variable.changed[body]}"))
            .bean(RawJson.class, "of")
            .process(Answer.envelope(200));
        // @formatter:on
    }

    public static OrderRequests.Placing placingOne(@org.apache.camel.Body OrderRequests.SingleItem request,
                                                   @org.apache.camel.Variable("caller") Caller caller) {
        return new OrderRequests.Placing(caller.userId(), java.util.List.of(new OrderRequests.Item(request.product_id(), request.quantity())), false);
    }

    public static OrderRequests.Placing placingMany(@org.apache.camel.Body OrderRequests.ManyItems request,
                                                    @org.apache.camel.Variable("caller") Caller caller) {
        return new OrderRequests.Placing(caller.userId(), request.items(), true);
    }

    public static RawJson listOfOne(@org.apache.camel.Body RawJson order) {
        return RawJson.of("[" + order.json() + "]");
    }
}
