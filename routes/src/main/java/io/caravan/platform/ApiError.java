package io.caravan.platform;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The error body every Caravan HTTP API answers with: {@code {"status","title","description"}}
 * (seed 001's shape, kept byte for byte because its test suite is a real client).
 */
@JsonPropertyOrder({"status", "title", "description"})
public record ApiError(int status, String title, String description) {

    /** A processor that answers the exchange with this error, as JSON, dropping the request's headers. */
    public static Processor respond(int status, String title, String description) {
        return exchange -> write(exchange, new ApiError(status, title, description));
    }

    /** Answers with {@code status}/{@code title} and the message of the exception that was caught. */
    public static Processor respondWithCause(int status, String title) {
        return exchange -> {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            write(exchange, new ApiError(status, title, describe(cause)));
        };
    }

    static void write(Exchange exchange, ApiError error) throws Exception {
        HttpResponses.json(exchange, error.status(), error);
    }

    /** A client-facing description of what was wrong: the message without the Java location details. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        if (cause instanceof com.fasterxml.jackson.core.JacksonException json) {
            String text = json.getOriginalMessage();
            if (text == null) {
                return "invalid JSON";
            }
            // name the field the error is about, e.g. "name: Cannot coerce Integer value ..."
            if (json instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining("."));
                text = field + ": " + text;
            }
            return text.replaceAll("\\s*\\(but could if coercion was enabled[^)]*\\)", "")
                    .replaceAll("`(?:[a-z_$][\\w$]*\\.)+([A-Za-z_$][\\w$]*)`", "`$1`") // no package names
                    .replaceAll("\\s+", " ").trim();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
