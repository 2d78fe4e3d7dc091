package io.caravan.orders;

import java.util.UUID;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.JsonMessage;
import io.caravan.platform.OutboxRelay;
import io.caravan.platform.SqlParams;
import io.caravan.platform.Streams;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The orders service's steps of the order saga (seed 000's diagrams, its defects fixed):
 * <ol>
 * <li>payment ({@code payment-group} on {@code order_placed}): simulated, {@code pending → paid}, and
 * {@code order_completed} for the inventory;</li>
 * <li>the inventory took the stock ({@code stock_taken}): {@code paid → completed};</li>
 * <li>it could not ({@code refund_order}, {@code payment-group}): {@code paid → refunded}.</li>
 * </ol>
 * Every step claims its event, moves the order and writes the next events (outbox) in one SQL
 * statement ({@code transition.sql}), so one transaction: a redelivered or reclaimed entry changes
 * nothing twice; entries are acknowledged after the commit; the owner's cached lists are invalidated after it.
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
class OrdersSagaRoutes extends RouteBuilder {

    /** A step: who claims the events, and the status it moves an order from and to. */
    record Step(String consumer, String from, String to) {
    }

    static final Step PAYMENT = new Step("payment", "pending", "paid");
    static final Step COMPLETION = new Step("completion", "paid", "completed");
    static final Step REFUND = new Step("refund", "paid", "refunded");
    static final Step SHIP = new Step("shipping", "completed", "shipped");

    private final OrderLists lists;
    private final OrdersProperties properties;

    OrdersSagaRoutes(OrderLists lists, OrdersProperties properties) {
        this.lists = lists;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // @formatter:off
        from(Streams.consume("{{caravan.orders.streams.order-placed}}", "{{caravan.orders.payment.group}}"))
            .routeId("orders-payment")
            .to("direct:orders-read-saga-event")
            .delay(properties.payment().delay().toMillis())
            .setVariable("step", constant(PAYMENT))
            .to("direct:orders-transition");

        from(Streams.consume("{{caravan.orders.streams.stock-taken}}", "{{caravan.orders.payment.group}}"))
            .routeId("orders-completion")
            .to("direct:orders-read-saga-event")
            .setVariable("step", constant(COMPLETION))
            .to("direct:orders-transition");

        from(Streams.consume("{{caravan.orders.streams.refund-order}}", "{{caravan.orders.payment.group}}"))
            .routeId("orders-refund")
            .to("direct:orders-read-saga-event")
            .setVariable("step", constant(REFUND))
            .to("direct:orders-transition");

        // every order event invalidates the owner's cached lists again (the safety net of the writers' own)
        from(Streams.consume("{{caravan.orders.streams.order-events}}", "{{caravan.orders.cache-group}}"))
            .routeId("orders-order-events")
            .setBody(simple("${body[" + Streams.FIELD + "]}"))
            .unmarshal(JsonMessage.of(OrderChanged.class))
            .bean(lists, "invalidate(${body.userId()})");

        from("direct:orders-read-saga-event").routeId("orders-read-saga-event").errorHandler(noErrorHandler())
            .setBody(simple("${body[" + Streams.FIELD + "]}"))
            .unmarshal(JsonMessage.of(SagaEvent.class))
            .setVariable("event", body());

        // the step in one statement (claim, move, announce: one transaction), then the owner's cached lists are stale
        from("direct:orders-transition").routeId("orders-transition").errorHandler(noErrorHandler())
            .setBody(SqlParams.of("consumer", "${variable.step.consumer()}", "eventId", "${variable.event.eventId()}",
                    "orderId", "${variable.event.orderId()}", "from", "${variable.step.from()}", "to", "${variable.step.to()}",
                    "reason", "${variable.event.reason()}",
                    "changesStream", "{{caravan.orders.streams.order-events}}", "paidStream", "{{caravan.orders.streams.order-completed}}"))
            .to("sql:classpath:orders/transition.sql?outputType=SelectOne")
            .setVariable("changed", body())
            .choice()
                .when(body().isNotNull())
                    .to(ExchangePattern.InOnly, OutboxRelay.nudge("orders"))
                    .bean(lists, "invalidate(${variable.changed[userId]})")
                    .log("Order ${variable.event.orderId()}: ${variable.step.from()} -> ${variable.step.to()}")
                    .to("direct:orders-count-finished")
                .otherwise()
                    .log("Order ${variable.event.orderId()}: not ${variable.step.from()}, or event ${variable.event.eventId()} handled before; nothing to do")
            .end();

        // caravan_orders_finished_total{status}: orders that reached a final status (the dashboard's "orders by status")
        from("direct:orders-count-finished").routeId("orders-count-finished")
            .filter(simple("${variable.step.to()} in 'completed,refunded,shipped'"))
            .to("micrometer:counter:caravan.orders.finished?tags=status=${variable.step.to()}");
        // @formatter:on
    }

    /** An {@code order_changed} event, as the cache invalidation reads it. */
    record OrderChanged(@jakarta.validation.constraints.NotBlank String eventId, @jakarta.validation.constraints.NotBlank String userId) {
    }

    /** An administrator's shipping of an order, as an event of its own (claimed like the saga's). */
    public static SagaEvent shipping(String orderId) {
        return new SagaEvent(UUID.randomUUID().toString(), "order_shipped", orderId, null);
    }
}
