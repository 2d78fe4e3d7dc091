package io.caravan.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Route metrics that cost nothing per message (decision 16).
 * <ul>
 * <li>{@link #counter}: the meter {@code micrometer:counter:<name>} makes, registered once. That endpoint
 * evaluates its name, description and tags as Simple expressions and looks the meter up in the registry
 * on every message: 4 % of {@code POST /event}'s CPU.</li>
 * <li>{@code camel_exchanges_inflight{routeId}}: a gauge per route read from Camel's inflight repository
 * when Prometheus scrapes. camel-micrometer makes it in its exchange event notifier, which also times
 * every endpoint call and scans the whole registry after every exchange; that notifier is off
 * ({@code camel.metrics.enable-exchange-event-notifier}), the dashboard's gauge stays.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RouteMetrics {

    /** A processor that increments the counter {@code name} (tagged with the Camel context, as camel-micrometer does). */
    public static Processor counter(MeterRegistry registry, CamelContext camel, String name) {
        Counter counter = Counter.builder(name).tag("camelContext", camel.getName()).register(registry);
        return exchange -> counter.increment();
    }

    @Bean
    CamelContextConfiguration inflightGauges(MeterRegistry registry) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
                    {
                        // only the route events: every exchange event would pass through here otherwise
                        setIgnoreExchangeEvents(true);
                        setIgnoreCamelContextEvents(true);
                        setIgnoreServiceEvents(true);
                        setIgnoreStepEvents(true);
                    }

                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.RouteAddedEvent added) {
                            gauge(registry, camel, added.getRoute());
                        }
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // routes added before the notifier was there; registering a gauge twice returns the first
                camel.getRoutes().forEach(route -> gauge(registry, camel, route));
            }
        };
    }

    private static void gauge(MeterRegistry registry, CamelContext camel, Route route) {
        String routeId = route.getRouteId();
        Gauge.builder("camel.exchanges.inflight", () -> camel.getInflightRepository().size(routeId))
                .description("Route inflight messages")
                .tags("camelContext", camel.getName(), "kind", "CamelExchangeEvent", "routeId", routeId)
                .register(registry);
    }
}
