package io.caravan.platform;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every HTTP route ({@code .routeConfigurationId("http-api")}): an
 * {@link ApiException} is answered with its status, and whatever else a
 * route did not handle becomes a JSON 500, logged with its stack trace, never shown to the client.
 */
@Component
public class HttpApiErrors extends RouteConfigurationBuilder {

    public static final String ID = "http-api";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class).handled(true)
                    .process(exchange -> {
                        ApiException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class);
                        ApiError.write(exchange, new ApiError(e.status(), e.title(), e.getMessage()));
                    })
                .end()
                .onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "io.caravan.platform.HttpApiErrors",
                        "${routeId} failed: ${exception.class.simpleName}: ${exception.message}\n${exception.stacktrace}")
                .process(ApiError.respond(500, "Internal Server Error", "Internal Server Error"));
    }
}
