package io.caravan.notification;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues notification reads and dead-letters to, declared here too (identically to the media
 * service's declarations), so a notification pod that starts before the media pod finds them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.NOTIFICATION)
class NotificationTopology {

    @Bean
    Declarables notificationQueues(@Value("${caravan.media.exchange}") String exchangeName,
                                   @Value("${caravan.media.audio-queue}") String audioQueue) {
        DirectExchange exchange = new DirectExchange(exchangeName, true, false);
        Queue audio = QueueBuilder.durable(audioQueue).build();
        Queue dead = QueueBuilder.durable(audioQueue + ".dead-letter").build();
        return new Declarables(exchange, audio, dead,
                BindingBuilder.bind(audio).to(exchange).with(audioQueue),
                BindingBuilder.bind(dead).to(exchange).with(audioQueue + ".dead-letter"));
    }
}
