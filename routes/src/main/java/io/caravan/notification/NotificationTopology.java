package io.caravan.notification;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.DurableQueues;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue notification reads (declared identically by the media service, so whichever pod starts
 * first creates it) and its dead-letter queue, declared on every new broker connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.NOTIFICATION)
class NotificationTopology {

    @Bean
    Declarables notificationQueues(NotificationProperties notification, DurableQueues queues) {
        DirectExchange exchange = new DirectExchange(notification.exchange(), true, false);
        Queue outcomes = queues.named(notification.queue());
        Queue dead = queues.named(notification.deadLetterQueue());
        return new Declarables(exchange, outcomes, dead,
                BindingBuilder.bind(outcomes).to(exchange).with(notification.queue()),
                BindingBuilder.bind(dead).to(exchange).with(notification.deadLetterQueue()));
    }
}
