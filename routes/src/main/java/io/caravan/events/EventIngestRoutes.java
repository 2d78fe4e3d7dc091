package io.caravan.events;

import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.platform.ApiError;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.HttpApiErrors;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
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
    private final JacksonDataFormat eventRequest;
    private final int maxBodyBytes;

    EventIngestRoutes(RedisLiveness liveness, ObjectMapper objectMapper, EventsProperties properties) {
        this.liveness = liveness;
        this.maxBodyBytes = properties.maxBodyBytes();
        // the platform's strict mapper: a number where the description belongs is a 400, not "123"
        this.eventRequest = new JacksonDataFormat(objectMapper, EventRequest.class);
    }

    @Override
    public void configure() {
        onException(JacksonException.class, EmptyBodyException.class).handled(true)
                .process(ApiError.respondWithCause(400, "Error unmarshalling body"));
        onException(BodyTooLargeException.class).handled(true)
                .process(ApiError.respondWithCause(413, "Payload Too Large"));
        onException(DataAccessException.class, io.lettuce.core.RedisException.class).handled(true)
                .log(LoggingLevel.WARN, "XADD to {{caravan.events.stream}} failed: ${exception.message}")
                .process(ApiError.respond(500, "Redis Client error", "Redis Client error"));

        // @formatter:off
        rest("/event").description("Seed 001 event producer")
            .post().id("events-post")
                .description("Accept an event and append it to the stream")
                .param().name("body").type(RestParamType.body).description("{\"description\": \"<string>\"}").endParam()
                .responseMessage().code(200).message("Accepted; empty body").endResponseMessage()
                .responseMessage().code(400).message("Error unmarshalling body").endResponseMessage()
                .responseMessage().code(500).message("Redis Client error").endResponseMessage()
                .to("direct:events-ingest");

        from("direct:events-ingest").routeId("events-ingest").routeConfigurationId(HttpApiErrors.ID)
            .process(this::readBoundedBody)
            .unmarshal(eventRequest)
            .bean(EventMessage.class, "of")
            .marshal().json()
            .to("redis-stream:{{caravan.events.stream}}?field=" + EventMessage.FIELD + TRIMMING)
            .to("micrometer:counter:caravan.events.accepted")
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

    /**
     * Reads the request body whatever its Content-Type says (seed 001 never checks it, and
     * {@code curl -d} sends a form type), refusing one larger than {@code caravan.events.max-body-bytes}.
     */
    private void readBoundedBody(Exchange exchange) {
        int max = maxBodyBytes;
        Long declared = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > max) {
            throw new BodyTooLargeException(max);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new EmptyBodyException();
        }
        if (body.length > max) {
            throw new BodyTooLargeException(max);
        }
        exchange.getMessage().setBody(body);
    }

    /** An empty request body: Go's decoder calls it EOF. */
    static class EmptyBodyException extends IllegalArgumentException {
        EmptyBodyException() {
            super("EOF");
        }
    }

    static class BodyTooLargeException extends IllegalArgumentException {
        BodyTooLargeException(int max) {
            super("the body is larger than " + max + " bytes");
        }
    }
}
