package io.caravan.identity;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable direct exchange of the user events, declared by Spring AMQP's admin on every new
 * broker connection (so also after a broker restart), not once by a route at start-up. Consumers
 * bind their own queues to it (the orders service, seed 004's {@code queue_user_profile_updated}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.IDENTITY)
class IdentityTopology {

    @Bean
    Declarables userEventsExchange(IdentityProperties identity) {
        return new Declarables(new DirectExchange(identity.eventsExchange(), true, false));
    }
}
