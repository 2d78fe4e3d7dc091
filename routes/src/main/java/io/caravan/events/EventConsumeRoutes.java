package io.caravan.events;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.apache.camel.LoggingLevel;
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
            .choice()
                .when(simple("${body[" + EventMessage.MARKER_FIELD + "]} != null"))
                    .log(LoggingLevel.INFO, "Stream marker ${header.CamelRedisStreamEntryId}: ${body[" + EventMessage.MARKER_FIELD + "]}")
                .when(simple("${body[" + EventMessage.FIELD + "]} != null"))
                    .setBody(simple("${body[" + EventMessage.FIELD + "]}"))
                    .unmarshal().json(EventMessage.class)
                    .log("Event received: entry=${header.CamelRedisStreamEntryId} id=${body.id()} "
                            + "description=\"${body.description()}\" timestamp=${body.timestamp()}")
                    .to("micrometer:counter:caravan.events.consumed")
                    .to("direct:events-feed-record")
                .otherwise()
                    .throwException(new UnknownEntryException());
        // @formatter:on
    }

    /** An entry with neither an {@code EventStream} nor a {@code CreateStream} field. */
    static class UnknownEntryException extends IllegalArgumentException {
        UnknownEntryException() {
            super("entry has neither an " + EventMessage.FIELD + " nor a " + EventMessage.MARKER_FIELD + " field");
        }
    }
}
