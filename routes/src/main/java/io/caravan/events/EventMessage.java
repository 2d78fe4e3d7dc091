package io.caravan.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The notification message written to the stream's {@code EventStream} field (seed 001):
 * a non-negative 63-bit id, the description, and an RFC 3339 UTC timestamp with nanoseconds.
 */
@JsonPropertyOrder({"id", "description", "timestamp"})
public record EventMessage(long id, String description, String timestamp) {

    /** The field an event is written to. */
    public static final String FIELD = "EventStream";
    /** The field of the marker the producer writes on start-up and after every reconnect. */
    public static final String MARKER_FIELD = "CreateStream";
    public static final String MARKER_VALUE = "stream created";

    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** A new message for an accepted event. */
    public static EventMessage of(EventRequest request) {
        String description = request == null || request.description() == null ? "" : request.description();
        return new EventMessage(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, description,
                rfc3339(Instant.now()));
    }

    /** As the consumer logs it: {@code id=<id> description="<description>" timestamp=<timestamp>}. */
    @Override
    public String toString() {
        return "id=" + id + " description=\"" + description + "\" timestamp=" + timestamp;
    }

    /** {@code instant} as the events' timestamps are written: RFC 3339, UTC, nanoseconds. */
    static String rfc3339(Instant instant) {
        return RFC3339_NANOS.format(instant);
    }
}
