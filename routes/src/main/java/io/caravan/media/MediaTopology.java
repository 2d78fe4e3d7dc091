package io.caravan.media;

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
 * The media queues, declared by Spring AMQP's admin when the first connection opens: a durable direct
 * exchange, the durable {@code video} queue and its dead-letter queue, and the {@code audio} queue the
 * converter announces outcomes on (the notification service declares its dead-letter queue), of the
 * configured queue type ({@link DurableQueues}). No other broker-specific argument, so RabbitMQ and the
 * embedded broker agree; retries and dead-lettering are Camel's (ConvertRoutes, NotificationRoutes).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService({CaravanService.MEDIA, CaravanService.CONVERTER})
class MediaTopology {

    @Bean
    Declarables mediaQueues(MediaProperties media, DurableQueues queues) {
        DirectExchange exchange = new DirectExchange(media.exchange(), true, false);
        Queue video = queues.named(media.videoQueue());
        Queue audio = queues.named(media.audioQueue());
        Queue videoDead = queues.named(media.deadLetterQueue());
        return new Declarables(exchange, video, audio, videoDead,
                BindingBuilder.bind(video).to(exchange).with(media.videoQueue()),
                BindingBuilder.bind(audio).to(exchange).with(media.audioQueue()),
                BindingBuilder.bind(videoDead).to(exchange).with(media.deadLetterQueue()));
    }
}
