package io.caravan.events;

import java.util.Map;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.RouteMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The event consumer (seed 001): reads the stream as group {@code demo_consumer_group}, logs each
 * event and records it in the feed ({@link EventFeedRoutes}, best effort), skips markers; the component
 * acknowledges each entry once its exchange succeeded. An entry that is not an event or a marker, or
 * whose JSON cannot be read, goes to the dead-letter stream.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventConsumeRoutes extends RouteBuilder {

    static final String UNREADABLE = "com.fasterxml.jackson.core.JacksonException,io.caravan.events.EventConsumeRoutes$UnknownEntryException";

    private final MeterRegistry metrics;

    EventConsumeRoutes(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        // @formatter:off
        from("redis-stream:{{caravan.events.stream}}"
                + "?group={{caravan.events.consumer.group}}&consumerName={{caravan.events.consumer.name}}"
                + "&startId={{caravan.events.consumer.start-id}}&batchSize={{caravan.events.consumer.batch-size}}"
                + "&blockTimeout={{caravan.events.consumer.block-timeout}}&maxDeliveries={{caravan.events.consumer.max-deliveries}}"
                + "&retryDelay={{caravan.events.consumer.retry-delay}}&reclaimIdle={{caravan.events.consumer.reclaim-idle}}"
                + "&deadLetterStream={{caravan.events.consumer.dead-letter-stream}}&deadLetterOn=" + UNREADABLE
                + "&ackLogLevel=INFO")
            .routeId("events-consume")
            // plain Java and EventMessage.toString() for every event rather than Simple's ${body[...]} and
            // ${body.id()}: those copy the exchange on every evaluation, a quarter of the consumer's CPU (decision 16)
            .choice()
                .when(hasField(EventMessage.MARKER_FIELD))
                    .log(LoggingLevel.INFO, "Stream marker ${header.CamelRedisStreamEntryId}: ${body[" + EventMessage.MARKER_FIELD + "]}")
                .when(hasField(EventMessage.FIELD))
                    .transform().body(Map.class, fields -> fields.get(EventMessage.FIELD))
                    .unmarshal().json(EventMessage.class)
                    .log("Event received: entry=${header.CamelRedisStreamEntryId} ${body}")
                    .process(RouteMetrics.counter(metrics, getContext(), "caravan.events.consumed"))
                    .to("direct:events-feed-record")
                .otherwise()
                    .throwException(new UnknownEntryException());
        // @formatter:on
    }

    /** The entry (a map of its fields) has {@code field}. */
    private static Predicate hasField(String field) {
        return exchange -> exchange.getMessage().getBody() instanceof Map<?, ?> fields && fields.get(field) != null;
    }

    /** An entry with neither an {@code EventStream} nor a {@code CreateStream} field. */
    static class UnknownEntryException extends IllegalArgumentException {
        UnknownEntryException() {
            super("entry has neither an " + EventMessage.FIELD + " nor a " + EventMessage.MARKER_FIELD + " field");
        }
    }
}
