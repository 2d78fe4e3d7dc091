package io.caravan.catalog;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.ListCache;
import io.caravan.platform.OutboxRelay;
import io.caravan.platform.SqlParams;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.JsonRequest;
import io.caravan.platform.http.RawJson;
import io.caravan.platform.security.BearerTokens;
import io.caravan.platform.security.Caller;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Product CRUD (seed 000's inventory, seed 004's product service): reads are public and the list is
 * served from a Redis cache; writes need the {@code admin} role, store the product and its event in
 * one transaction (the outbox), then invalidate the cached lists before answering, so a client that
 * saw its write succeed never reads a list without it.
 */
@Component
@ConditionalOnService(CaravanService.CATALOG)
class CatalogApiRoutes extends RouteBuilder {

    private final BearerTokens bearer;
    private final Products products;
    private final ListCache cache;

    CatalogApiRoutes(BearerTokens bearer, Products products, @Qualifier("productListCache") ListCache cache) {
        this.bearer = bearer;
        this.products = products;
        this.cache = cache;
    }

    /**
     * A write with a body: the administrator only, the body read by the platform's rule, its columns,
     * the change stored with its event ({@code catalog/<statement>.sql}), the answer.
     */
    private void write(String routeId, Class<?> request, String columns, String statement, org.apache.camel.Processor answer) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.requireRole(Caller.ADMIN))
            .unmarshal(JsonRequest.of(request))
            .bean(products, columns)
            .setVariable("change", constant(statement))
            .to("direct:catalog-store")
            .process(answer);
    }

    @Override
    public void configure() {
        // @formatter:off
        rest("/products").description("Products (seed 000's inventory): reads public, writes need the admin role")
            .get().id("catalog-get-products").description("A page of products, oldest first; ?ids=a,b for those products")
                .param().name("page").type(RestParamType.query).dataType("integer").description("from 1 (default 1)").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").description("1 to 1000 (default 100)").endParam()
                .param().name("ids").type(RestParamType.query).description("comma-separated product ids").endParam()
                .to("direct:catalog-list")
            .post().id("catalog-post-product").type(ProductRequests.Product.class).description("201 with the product").to("direct:catalog-create")
            .get("/{id}").id("catalog-get-product").to("direct:catalog-get")
            .put("/{id}").id("catalog-put-product").type(ProductRequests.Product.class).description("A full update").to("direct:catalog-update")
            .delete("/{id}").id("catalog-delete-product").description("204").to("direct:catalog-delete");
        rest("/v1/product").description("Seed 004's product service, in its {status, message} envelope")
            .post("/create-product").id("catalog-post-product-v1").type(ProductRequests.ProductV1.class).to("direct:catalog-create-v1")
            .patch("/update-product/{id}").id("catalog-patch-product-v1").type(ProductRequests.ProductV1.class).to("direct:catalog-update-v1")
            .get("/get-product/{id}").id("catalog-get-product-v1").to("direct:catalog-get-v1")
            .get("/get-all-products").id("catalog-get-products-v1").to("direct:catalog-list-v1")
            .delete("/delete-product/{id}").id("catalog-delete-product-v1").to("direct:catalog-delete-v1");

        // --- reads ---
        from("direct:catalog-list").routeId("catalog-list").routeConfigurationId(HttpApiErrors.ID)
            .choice()
                .when(header("ids").isNotNull())
                    .bean(products, "ids")
                    .to("sql:classpath:catalog/products-by-ids.sql?outputType=SelectOne")
                .otherwise()
                    .to("direct:catalog-page")
            .end()
            .bean(RawJson.class, "of")
            .process(Answer.ok());

        from("direct:catalog-list-v1").routeId("catalog-list-v1").routeConfigurationId(HttpApiErrors.ID)
            .removeHeaders("page|limit")
            .to("direct:catalog-page")
            .bean(RawJson.class, "of")
            .process(Answer.envelope(200));

        // a page from the cache, or from the database into the cache (keyed under the generation read first)
        from("direct:catalog-page").routeId("catalog-page").errorHandler(noErrorHandler())
            .setVariable("paging", method(io.caravan.platform.http.Paging.class, "of"))
            .setVariable("cacheKey", method(cache, "key('" + CatalogConfiguration.PRODUCT_LIST + "', ${variable.paging})"))
            .setBody(method(cache, "get(${variable.cacheKey})"))
            .filter(body().isNull())
                .setBody(SqlParams.of("limit", "${variable.paging.limit()}", "offset", "${variable.paging.offset()}"))
                .to("sql:classpath:catalog/list-products.sql?outputType=SelectOne")
                .bean(cache, "put(${variable.cacheKey}, ${body})")
            .end();

        from("direct:catalog-get").routeId("catalog-get").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:catalog-find")
            .process(Answer.ok());

        from("direct:catalog-get-v1").routeId("catalog-get-v1").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:catalog-find")
            .process(Answer.envelope(200));

        from("direct:catalog-find").routeId("catalog-find").errorHandler(noErrorHandler())
            .setBody(SqlParams.of("id", "${header.id}"))
            .to("sql:classpath:catalog/get-product.sql?outputType=SelectOne")
            .filter(body().isNull())
                .throwException(ApiException.notFound("no such product"))
            .end()
            .bean(RawJson.class, "of");

        // --- writes (admin) ---
        write("catalog-create", ProductRequests.Product.class, "created", "insert-product", Answer.created());
        write("catalog-create-v1", ProductRequests.ProductV1.class, "createdV1", "insert-product", Answer.envelope(201));
        write("catalog-update", ProductRequests.Product.class, "updated", "update-product", Answer.ok());
        write("catalog-update-v1", ProductRequests.ProductV1.class, "updatedV1", "update-product", Answer.envelope(200));

        from("direct:catalog-delete").routeId("catalog-delete").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.requireRole(Caller.ADMIN))
            .bean(products, "deleted")
            .setVariable("change", constant("delete-product"))
            .to("direct:catalog-store")
            .process(Answer.noContent());

        from("direct:catalog-delete-v1").routeId("catalog-delete-v1").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.requireRole(Caller.ADMIN))
            .bean(products, "deleted")
            .setVariable("change", constant("delete-product"))
            .to("direct:catalog-store")
            .setBody(constant("product deleted"))
            .process(Answer.envelope(200));

        // the change and its event in one statement (one transaction); the cached lists invalidated once it committed
        from("direct:catalog-store").routeId("catalog-store").errorHandler(noErrorHandler())
            .toD("sql:classpath:catalog/${variable.change}.sql?outputType=SelectOne")
            .to(ExchangePattern.InOnly, OutboxRelay.nudge("catalog"))
            .filter(body().isNull())
                .throwException(ApiException.notFound("no such product"))
            .end()
            .bean(cache, "invalidate('" + CatalogConfiguration.PRODUCT_LIST + "')")
            .bean(RawJson.class, "of");
        // @formatter:on
    }
}
