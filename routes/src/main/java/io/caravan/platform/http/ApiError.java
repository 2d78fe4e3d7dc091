package io.caravan.platform.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The error body every Caravan HTTP API answers with: {@code {"status","title","description"}}
 * (seed 001's shape, kept byte for byte because its test suite is a real client).
 */
@JsonPropertyOrder({"status", "title", "description"})
public record ApiError(int status, String title, String description) {

    /** A step that answers the exchange with this error, as JSON, dropping the request's headers. */
    public static Processor respond(int status, String title, String description) {
        return exchange -> Answer.json(exchange, status, new ApiError(status, title, description));
    }

    /**
     * A step for an {@code onException} block: answers {@code status}/{@code title}, with the caught
     * exception described in the API's words (see {@link JsonProblems}).
     */
    public static Processor respondWithCause(int status, String title) {
        return exchange -> {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            Answer.json(exchange, status, new ApiError(status, title, JsonProblems.describe(cause)));
        };
    }
}
