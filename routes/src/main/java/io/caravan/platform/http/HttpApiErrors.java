package io.caravan.platform.http;

import com.fasterxml.jackson.core.JacksonException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every HTTP route ({@code .routeConfigurationId(HttpApiErrors.ID)}): an
 * {@link ApiException} is answered with its status and description; JSON a route read by itself
 * (not through {@link JsonRequest}) and could not is a 400 in the API's words; whatever else a route
 * did not handle becomes a JSON 500, logged with its stack trace, never shown to the client.
 */
@Component
public class HttpApiErrors extends RouteConfigurationBuilder {

    public static final String ID = "http-api";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class).handled(true)
                    .process(HttpApiErrors::answerApiException)
                .end()
                .onException(JacksonException.class).handled(true)
                    .process(ApiError.respondWithCause(400, "Bad Request"))
                .end()
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.ERROR, "io.caravan.platform.http.HttpApiErrors",
                            "${routeId} failed: ${exception.class.simpleName}: ${exception.message}\n${exception.stacktrace}")
                    .process(ApiError.respond(500, "Internal Server Error", "Internal Server Error"));
    }

    static void answerApiException(Exchange exchange) throws Exception {
        ApiException e = ApiException.within(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        Answer.json(exchange, e.status(), new ApiError(e.status(), e.title(), e.getMessage()));
        e.headers().forEach(exchange.getMessage()::setHeader);
    }
}
