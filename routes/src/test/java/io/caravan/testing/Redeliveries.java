package io.caravan.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/** Counts Camel's redelivery attempts per route (by the route the exchange came from), from the moment it is installed. */
public final class Redeliveries extends EventNotifierSupport {

    private static final Map<CamelContext, Redeliveries> INSTALLED = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> byRoute = new ConcurrentHashMap<>();

    private Redeliveries() {
    }

    /** The counter of {@code camel}, installed on first use. */
    public static Redeliveries of(CamelContext camel) {
        return INSTALLED.computeIfAbsent(camel, c -> {
            Redeliveries counter = new Redeliveries();
            c.getManagementStrategy().addEventNotifier(counter);
            ServiceHelper.startService(counter);
            return counter;
        });
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        String route = ((CamelEvent.ExchangeRedeliveryEvent) event).getExchange().getFromRouteId();
        byRoute.computeIfAbsent(String.valueOf(route), r -> new AtomicLong()).incrementAndGet();
    }

    /** Redelivery attempts so far in exchanges that came from {@code routeId}. */
    public long in(String routeId) {
        AtomicLong count = byRoute.get(routeId);
        return count == null ? 0 : count.get();
    }
}
