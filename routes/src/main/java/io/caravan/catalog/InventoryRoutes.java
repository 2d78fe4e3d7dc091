package io.caravan.catalog;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.JsonMessage;
import io.caravan.platform.ListCache;
import io.caravan.platform.OutboxRelay;
import io.caravan.platform.Streams;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The inventory's step of the order saga (seed 000's {@code inventory-group} on {@code order_completed},
 * its defects fixed): the stock of every item of a paid order is taken, or none of it, and the outcome
 * announced through the outbox ({@code stock_taken}, or {@code refund_order}), with the event claimed,
 * all in one SQL statement ({@code take-stock.sql}), so one transaction: a redelivered or reclaimed
 * entry changes nothing twice; the entry is acknowledged only after the commit. Also: every product event invalidates the
 * cached product lists again (the safety net for a write whose own invalidation failed).
 */
@Component
@ConditionalOnService(CaravanService.CATALOG)
class InventoryRoutes extends RouteBuilder {

    private final Inventory inventory;
    private final ListCache cache;

    InventoryRoutes(Inventory inventory, @Qualifier("productListCache") ListCache cache) {
        this.inventory = inventory;
        this.cache = cache;
    }

    @Override
    public void configure() {
        // @formatter:off
        from(Streams.consume("{{caravan.catalog.streams.order-completed}}", "{{caravan.catalog.inventory-group}}"))
            .routeId("catalog-inventory")
            .setBody(simple("${body[" + Streams.FIELD + "]}"))
            .unmarshal(JsonMessage.of(PaidOrder.class))
            .setVariable("order", body())
            .bean(inventory, "takeStock")
            .to("sql:classpath:catalog/take-stock.sql?outputType=SelectOne")
            .to(ExchangePattern.InOnly, OutboxRelay.nudge("catalog"))
            .choice()
                .when(simple("${body[fresh]} == false"))
                    .log("Order ${variable.order.orderId()}: event ${variable.order.eventId()} was handled before; skipped")
                .when(simple("${body[taken]} == true"))
                    .bean(cache, "invalidate('" + CatalogConfiguration.PRODUCT_LIST + "')")
                    .log("Order ${variable.order.orderId()}: stock taken")
                .otherwise()
                    .log("Order ${variable.order.orderId()}: not enough stock, refund asked")
            .end();

        from(Streams.consume("{{caravan.catalog.streams.products}}", "{{caravan.catalog.cache-group}}"))
            .routeId("catalog-product-events")
            .bean(cache, "invalidate('" + CatalogConfiguration.PRODUCT_LIST + "')");
        // @formatter:on
    }
}
