package io.caravan.media;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The media queues, declared by Spring AMQP's admin when the first connection opens: a durable direct
 * exchange, the durable {@code video} queue and its dead-letter queue, and the {@code audio} queue the
 * converter announces outcomes on (the notification service declares its dead-letter queue). Plain
 * declarations with no broker-specific arguments, so RabbitMQ and the embedded broker agree;
 * retries and dead-lettering are Camel's (ConvertRoutes, NotificationRoutes).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService({CaravanService.MEDIA, CaravanService.CONVERTER})
class MediaTopology {

    @Bean
    Declarables mediaQueues(MediaProperties media) {
        DirectExchange exchange = new DirectExchange(media.exchange(), true, false);
        Queue video = QueueBuilder.durable(media.videoQueue()).build();
        Queue audio = QueueBuilder.durable(media.audioQueue()).build();
        Queue videoDead = QueueBuilder.durable(media.deadLetterQueue()).build();
        return new Declarables(exchange, video, audio, videoDead,
                BindingBuilder.bind(video).to(exchange).with(media.videoQueue()),
                BindingBuilder.bind(audio).to(exchange).with(media.audioQueue()),
                BindingBuilder.bind(videoDead).to(exchange).with(media.deadLetterQueue()));
    }
}
