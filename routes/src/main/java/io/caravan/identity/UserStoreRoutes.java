package io.caravan.identity;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Rabbit;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

/**
 * Writes users and profiles, and announces them on RabbitMQ: the row and the event in one database
 * transaction that commits only after the broker confirmed the (persistent) message, so a broker
 * failure leaves neither a user nobody heard of nor an event about a user that does not exist.
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
class UserStoreRoutes extends RouteBuilder {

    /** Set when the broker did not take the event: the transaction was rolled back, nothing stored. */
    static final String EVENT_REFUSED = "eventRefused";

    private final Accounts accounts;
    private final IdentityProperties properties;

    UserStoreRoutes(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // rolled back, and the caller told so (it answers 503): the failure is taken out of the exchange
        // (continued + markRollbackOnlyLast), because a failure that leaves a transacted route is marked
        // exhausted, and the calling HTTP route's error handling would no longer answer it
        onException(AmqpException.class).continued(true)
                .log(LoggingLevel.ERROR, "User event not published, nothing stored: ${exception.message}")
                .setVariable(EVENT_REFUSED, constant(true))
                .markRollbackOnlyLast();

        // @formatter:off
        from("direct:identity-store-user").routeId("identity-store-user")
            .transacted()
            .to("sql:classpath:identity/insert-user.sql?outputType=SelectOne")
            // no row: the email is taken; the caller answers 409
            .filter(body().isNotNull())
                .setVariable("user", body())
                .bean(UserEvents.class, "registered")
                .to("direct:identity-publish")
                .setBody(variable("user"))
            .end();

        from("direct:identity-store-profile").routeId("identity-store-profile")
            .transacted()
            .to("sql:classpath:identity/upsert-profile.sql?outputType=SelectOne&outputHeader=storedProfile")
            .to("sql:classpath:identity/find-profile.sql?outputType=SelectOne")
            .setVariable("profile", body())
            .bean(UserEvents.class, "profileUpdated")
            .to("direct:identity-publish")
            .setBody(variable("profile"));

        // the event's type is its routing key
        from("direct:identity-publish").routeId("identity-publish").errorHandler(noErrorHandler())
            .setVariable("eventType", simple("${body[eventType]}"))
            .marshal().json()
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .toD(Rabbit.confirmedPublish("{{caravan.identity.events-exchange}}", "${variable.eventType}"));

        // seed 000's superuser, created (or reset) at start-up when configured
        from("timer:identity-admin?repeatCount=1&delay=0").routeId("identity-admin")
            .autoStartup(properties.admin() != null && properties.admin().configured())
            .bean(accounts, "configuredAdmin")
            .to("sql:classpath:identity/upsert-admin.sql?outputType=SelectOne")
            .log("Administrator ${body} is ready");
        // @formatter:on
    }
}
