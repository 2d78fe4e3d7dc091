package io.caravan.events;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.ApiError;
import io.caravan.platform.http.HttpApiErrors;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The consumer's feed (what the web UI's events page watches): {@code events-consume} records each
 * event it handled in a capped Redis list, and {@code GET /api/v1/events/feed} (public, like
 * {@code POST /event}) answers it, newest first. Recording is best effort: the feed is a view, the
 * stream and its acks are the record, so a failing feed never fails or delays the consumption.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventFeedRoutes extends RouteBuilder {

    private final EventFeed feed;

    EventFeedRoutes(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public void configure() {
        // @formatter:off
        from("direct:events-feed-record").routeId("events-feed-record")
            .doTry()
                .bean(feed, "record")
            .doCatch(Exception.class)
                .log(LoggingLevel.WARN, "Event ${body.id()} (entry ${header.CamelRedisStreamEntryId}) not recorded in the feed "
                        + "{{caravan.events.feed.key}}: ${exception.message} ${exception.cause?.message}")
            .end();

        rest("/api/v1/events/feed").description("The events the consumer handled, newest first")
            .get().id("events-get-feed")
                .description("[{entryId, id, description, timestamp, consumedAt}], at most caravan.events.feed.size (50) entries")
                .responseMessage().code(200).message("The feed, newest first").endResponseMessage()
                .responseMessage().code(503).message("Redis is unavailable").endResponseMessage()
                .to("direct:events-feed");

        from("direct:events-feed").routeId("events-feed").routeConfigurationId(HttpApiErrors.ID)
            .onException(DataAccessException.class, io.lettuce.core.RedisException.class).handled(true)
                .log(LoggingLevel.WARN, "Reading the feed {{caravan.events.feed.key}} failed: ${exception.message} ${exception.cause?.message}")
                .process(ApiError.respond(503, "Service Unavailable", "the event feed is unavailable; try again"))
            .end()
            .bean(feed, "latest")
            .process(Answer.ok());
        // @formatter:on
    }
}
