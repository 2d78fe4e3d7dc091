package io.caravan.events;

import static org.apache.camel.support.builder.PredicateBuilder.or;

import java.util.Map;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.RouteMetrics;
import io.caravan.platform.http.ApiError;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.JsonRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The event producer (seed 001): {@code POST /event} → one {@code EventStream} entry in the stream,
 * and the {@code CreateStream} marker written on start-up and after every reconnect to Redis.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventIngestRoutes extends RouteBuilder {

    /** Exactly max-len entries, but never an event the consumer group has not acknowledged yet. */
    static final String TRIMMING = "&maxLen={{caravan.events.max-len}}&keepUnconsumed={{caravan.events.keep-unconsumed}}";

    private final RedisLiveness liveness;
    private final JsonRequest<EventRequest> eventRequest;
    private final MeterRegistry metrics;

    EventIngestRoutes(RedisLiveness liveness, EventsProperties properties, MeterRegistry metrics) {
        this.liveness = liveness;
        this.metrics = metrics;
        // Go's decoder takes any string: NUL characters too (Redis stores them)
        this.eventRequest = JsonRequest.of(EventRequest.class).maxBytes(properties.maxBodyBytes()).allowingNulCharacters();
    }

    @Override
    public void configure() {
        // @formatter:off
        rest("/event").description("Seed 001 event producer")
            .post().id("events-post").type(EventRequest.class)
                .description("Accept an event and append it to the stream")
                .param().name("body").type(RestParamType.body).description("{\"description\": \"<string>\"}").endParam()
                .responseMessage().code(200).message("Accepted; empty body").endResponseMessage()
                .responseMessage().code(400).message("Error unmarshalling body").endResponseMessage()
                .responseMessage().code(413).message("Payload Too Large").endResponseMessage()
                .responseMessage().code(500).message("Redis Client error").endResponseMessage()
                .to("direct:events-ingest");

        from("direct:events-ingest").routeId("events-ingest").routeConfigurationId(HttpApiErrors.ID)
            // seed 001's words, which win over the platform's: every refused body is "Error unmarshalling body", but 413
            .onException(ApiException.class).handled(true)
                .choice()
                    .when(simple("${exception.status()} == 413"))
                        .process(ApiError.respondWithCause(413, "Payload Too Large"))
                    .otherwise()
                        .process(ApiError.respondWithCause(400, "Error unmarshalling body"))
                .end()
            .end()
            .onException(DataAccessException.class, io.lettuce.core.RedisException.class).handled(true)
                .log(LoggingLevel.WARN, "XADD to {{caravan.events.stream}} failed: ${exception.message}")
                .process(ApiError.respond(500, "Redis Client error", "Redis Client error"))
            .end()
            // Go's decoder calls an empty body EOF
            .filter(or(body().isNull(), bodyAs(String.class).isEqualTo("")))
                .throwException(ApiException.badRequest("EOF"))
            .end()
            .unmarshal(eventRequest)
            .bean(EventMessage.class, "of")
            .marshal().json()
            .to("redis-stream:{{caravan.events.stream}}?field=" + EventMessage.FIELD + TRIMMING)
            .process(RouteMetrics.counter(metrics, getContext(), "caravan.events.accepted"))
            .removeHeaders("*")
            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
            .setBody(constant((Object) null));

        from("timer:events-stream-marker?delay=0&period={{caravan.events.liveness-interval}}")
            .routeId("events-stream-marker")
            .filter(method(liveness, "markerDue"))
                .setBody(constant(Map.of(EventMessage.MARKER_FIELD, EventMessage.MARKER_VALUE)))
                .to("redis-stream:{{caravan.events.stream}}?" + TRIMMING.substring(1))
                .bean(liveness, "markerWritten")
                .log("Stream {{caravan.events.stream}}: connected to Redis, wrote the CreateStream marker ${header.CamelRedisStreamEntryId}");
        // @formatter:on
    }
}
