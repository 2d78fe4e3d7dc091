package io.caravan.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.platform.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The last step of an HTTP route: the status, and the body as JSON. Every answer drops the request's
 * headers first, so none of them (Authorization, Camel's own) leaks into the response.
 *
 * <pre>
 * from("direct:catalog-create")...
 *     .process(Answer.created());
 * </pre>
 */
public final class Answer {

    private Answer() {
    }

    /** 200 with the body as JSON. */
    public static Processor ok() {
        return exchange -> json(exchange, 200, exchange.getMessage().getBody());
    }

    /** 201 with the body (the stored resource) as JSON. */
    public static Processor created() {
        return exchange -> json(exchange, 201, exchange.getMessage().getBody());
    }

    /** 204, no body. */
    public static Processor noContent() {
        return exchange -> json(exchange, 204, null);
    }

    /** 200 with the body as {@code text/plain} (seed 000's login answers the bare JWT). */
    public static Processor text() {
        return exchange -> {
            String text = exchange.getMessage().getBody(String.class);
            var message = exchange.getMessage();
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
            message.setBody(text);
        };
    }

    /** Seed 004's envelope, {@code {"status":<status>,"message":<body>}}, with the same HTTP status. */
    public static Processor envelope(int status) {
        return exchange -> {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("status", status);
            envelope.put("message", exchange.getMessage().getBody());
            json(exchange, status, envelope);
        };
    }

    /** {@code status} with {@code body} as JSON (no body and no Content-Type when it is null). */
    public static void json(Exchange exchange, int status, Object body) throws Exception {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body == null) {
            message.setBody(null);
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(body instanceof RawJson raw ? raw.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : Json.MAPPER.writeValueAsBytes(body));
        }
    }
}
