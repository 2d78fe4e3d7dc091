package io.caravan.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Writes users and profiles, and announces them on RabbitMQ: the row and the event in one database
 * transaction that commits only after the broker confirmed the (persistent) message, so a broker
 * failure leaves neither a user nobody heard of nor an event about a user that does not exist.
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
class UserStoreRoutes extends RouteBuilder {

    private static final String PUBLISH = "spring-rabbitmq:{{caravan.identity.events-exchange}}?exchangeType=direct"
            + "&autoDeclare=false&confirm=enabled&disableReplyTo=true&routingKey=";

    private final Accounts accounts;
    private final IdentityProperties properties;

    UserStoreRoutes(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // @formatter:off
        from("direct:identity-store-user").routeId("identity-store-user")
            .transacted()
            .to("sql:classpath:identity/insert-user.sql?outputType=SelectOne")
            // no row: the email is taken; the caller answers 409
            .filter(body().isNotNull())
                .setVariable("user", body())
                .setBody(exchange -> envelope("user_registered", Map.of(
                        "id", exchange.getVariable("user", Map.class).get("id"),
                        "name", exchange.getVariable("user", Map.class).get("name"),
                        "email", exchange.getVariable("user", Map.class).get("email"))))
                .marshal().json()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(PUBLISH + "user_registered")
                .setBody(variable("user"))
            .end();

        from("direct:identity-store-profile").routeId("identity-store-profile")
            .transacted()
            .to("sql:classpath:identity/upsert-profile.sql?outputType=SelectOne&outputHeader=storedProfile")
            .to("sql:classpath:identity/find-profile.sql?outputType=SelectOne")
            .setVariable("profile", body())
            .setBody(exchange -> envelope("user_profile_updated", exchange.getVariable("profile", Map.class)))
            .marshal().json()
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .to(PUBLISH + "user_profile_updated")
            .setBody(variable("profile"));

        // seed 000's superuser, created (or reset) at start-up when configured
        from("timer:identity-admin?repeatCount=1&delay=0").routeId("identity-admin")
            .autoStartup(properties.admin() != null && properties.admin().configured())
            .setBody(exchange -> accounts.admin(properties.admin().email(), properties.admin().password()))
            .to("sql:classpath:identity/upsert-admin.sql?outputType=SelectOne")
            .log("Administrator ${body} is ready");
        // @formatter:on
    }

    /** Seed 004's event envelope: {@code {"eventType": ..., "eventData": {...}}}. */
    private static Map<String, Object> envelope(String type, Map<?, ?> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventType", type);
        envelope.put("eventData", data);
        return envelope;
    }
}
