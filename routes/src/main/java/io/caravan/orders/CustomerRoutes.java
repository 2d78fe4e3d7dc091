package io.caravan.orders;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.JsonMessage;
import io.caravan.platform.OutboxRelay;
import io.caravan.platform.Rabbit;
import io.caravan.platform.SqlParams;
import io.caravan.platform.UnreadableMessageException;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * What orders keeps of identity's users, from its events (so placing an order never needs identity):
 * {@code user_registered} records the user; {@code user_profile_updated} records the shipping details
 * and copies them to every open order of the user (not shipped, not refunded; seed 004 changed only the
 * first, shipped ones included). Each event is claimed in the statement of its effect (one SQL
 * statement, one transaction); an older profile than the one applied changes nothing. Unreadable events are dead-lettered at once, others
 * retried with backoff, then dead-lettered.
 */
@Component
@ConditionalOnService(CaravanService.ORDERS)
class CustomerRoutes extends RouteBuilder {

    private final OrdersProperties properties;
    private final OrderLists lists;

    CustomerRoutes(OrdersProperties properties, OrderLists lists) {
        this.properties = properties;
        this.lists = lists;
    }

    @Override
    public void configure() {
        // what retrying cannot fix goes to the dead-letter queue at once (decision 9)
        onException(UnreadableMessageException.class).maximumRedeliveries(0);

        // @formatter:off
        from(Rabbit.consume("{{caravan.orders.user-events.exchange}}", "{{caravan.orders.user-events.registered-queue}}", 1))
            .routeId("orders-user-registered")
            .errorHandler(deadLetter())
            .unmarshal(JsonMessage.of(UserEvent.class))
            .setBody(SqlParams.of("eventId", "${body.eventId()}", "userId", "${body.eventData().user()}",
                    "name", "${body.eventData().name()}", "email", "${body.eventData().email()}"))
            .to("sql:classpath:orders/save-customer.sql");

        from(Rabbit.consume("{{caravan.orders.user-events.exchange}}", "{{caravan.orders.user-events.profile-updated-queue}}", 1))
            .routeId("orders-user-profile-updated")
            .errorHandler(deadLetter())
            .unmarshal(JsonMessage.of(UserEvent.class))
            .setVariable("user", simple("${body.eventData().user()}"))
            .setBody(SqlParams.of("eventId", "${body.eventId()}", "stream", "{{caravan.orders.streams.order-events}}",
                    "userId", "${variable.user}", "name", "${body.eventData().name()}", "email", "${body.eventData().email()}",
                    "shippingAddress", "${body.eventData().shippingAddress()}", "pincode", "${body.eventData().pincode()}",
                    "city", "${body.eventData().city()}", "country", "${body.eventData().country()}",
                    "phoneNumber", "${body.eventData().phoneNumber()}", "updatedAt", "${body.eventData().updatedAt()}"))
            .to("sql:classpath:orders/apply-profile.sql")
            .to(ExchangePattern.InOnly, OutboxRelay.nudge("orders"))
            .bean(lists, "invalidate(${variable.user})")
            .log("User ${variable.user}: the profile followed into ${body.size()} open orders");

        from("direct:orders-user-event-dead-letter").routeId("orders-user-event-dead-letter")
            .log(LoggingLevel.ERROR, "User event dead-lettered: ${exception.message}")
            .to(Rabbit.confirmedPublish("default", "{{caravan.orders.user-events.dead-letter-queue}}"));
        // @formatter:on
    }

    /** Retries with backoff, then the dead-letter queue; the transacted steps keep their own rollback. */
    private org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition deadLetter() {
        OrdersProperties.UserEvents userEvents = properties.userEvents();
        return deadLetterChannel("direct:orders-user-event-dead-letter").useOriginalMessage()
                .maximumRedeliveries(userEvents.maxRedeliveries()).redeliveryDelay(userEvents.redeliveryDelay().toMillis())
                .backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN);
    }
}
