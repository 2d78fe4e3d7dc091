package io.caravan.events;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The traffic simulator (seed 001): posts {@code {"description":"hello world"}} to the producer's
 * HTTP endpoint {@code caravan.events.simulator.rate} times a second; 0 (the default) leaves it off.
 */
@Component
@ConditionalOnService(CaravanService.EVENTS)
class EventSimulatorRoutes extends RouteBuilder {

    private final EventsProperties properties;

    EventSimulatorRoutes(EventsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        EventsProperties.Simulator simulator = properties.simulator();
        // the producer may be down or restarting: note it and go on with the next tick
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "Simulator: cannot post to {{caravan.events.simulator.target-url}}: ${exception.message}");
        // @formatter:off
        from("timer:events-simulator?period=" + simulator.periodMillis())
            .routeId("events-simulator")
            .autoStartup(simulator.rate() > 0)
            .setBody(constant("{\"description\":\"hello world\"}"))
            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .to("{{caravan.events.simulator.target-url}}?throwExceptionOnFailure=false")
            .choice()
                .when(header(Exchange.HTTP_RESPONSE_CODE).isEqualTo(200))
                    .log(LoggingLevel.DEBUG, "Simulator: event posted")
                .otherwise()
                    .log(LoggingLevel.WARN, "Simulator: the producer answered ${header.CamelHttpResponseCode}: ${body}");
        // @formatter:on
    }
}
