package io.caravan.platform;

import org.apache.camel.Exchange;

/** Sets an HTTP route's answer, dropping the request's headers so none of them leaks into the response. */
public final class HttpResponses {

    private HttpResponses() {
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
            message.setBody(Json.MAPPER.writeValueAsString(body));
        }
    }

    /** {@code status} with a plain-text body. */
    public static void text(Exchange exchange, int status, String body) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        message.setBody(body);
    }
}
