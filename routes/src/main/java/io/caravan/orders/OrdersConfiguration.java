package io.caravan.orders;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.DurableQueues;
import io.caravan.platform.OutboxRelay;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The orders service's outbox relay, its queues of identity's user events, and where the catalog is. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.ORDERS)
class OrdersConfiguration {

    @Bean
    OutboxRelay ordersOutboxRelay(OrdersProperties orders) {
        return new OutboxRelay("orders", orders.outbox().period(), orders.outbox().batchSize()) {
        };
    }

    /**
     * Durable queues bound to identity's exchange (seed 004's names), and their dead-letter queue,
     * declared on every new broker connection: events published while orders is down wait for it.
     */
    @Bean
    Declarables userEventQueues(OrdersProperties orders, DurableQueues queues) {
        OrdersProperties.UserEvents events = orders.userEvents();
        DirectExchange exchange = new DirectExchange(events.exchange(), true, false);
        Queue registered = queues.named(events.registeredQueue());
        Queue profiles = queues.named(events.profileUpdatedQueue());
        Queue dead = queues.named(events.deadLetterQueue());
        return new Declarables(exchange, registered, profiles, dead,
                BindingBuilder.bind(registered).to(exchange).with("user_registered"),
                BindingBuilder.bind(profiles).to(exchange).with("user_profile_updated"));
    }

    @Bean
    CatalogEndpoint catalogEndpoint(Environment environment) {
        return new CatalogEndpoint(environment);
    }

    /**
     * The catalog's base URL, read when first needed: by default it is this very process, whose port
     * is known only once its web server runs (after the routes were built).
     */
    static final class CatalogEndpoint {

        private final Environment environment;

        CatalogEndpoint(Environment environment) {
            this.environment = environment;
        }

        public String url() {
            return environment.getRequiredProperty("caravan.orders.catalog-url").replaceAll("/+$", "");
        }
    }
}
