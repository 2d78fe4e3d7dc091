package io.caravan.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's transactional outbox (decision 11). A change and the events that announce it
 * are written in one database transaction ({@code <service>_outbox}); this relay takes the oldest
 * unpublished events, locked {@code FOR UPDATE SKIP LOCKED} (the relays of several pods share the work
 * and never wait for each other), XADDs each to its stream and marks them published, in one
 * transaction. It runs when a route of this process nudges it after a commit ({@link #nudge(String)}:
 * the event is on its stream a few milliseconds later) and every {@code period} anyway (events another
 * pod wrote, a nudge lost, Redis back after an outage). Redis down: nothing is marked and everything is tried
 * again on the next tick. A crash between an XADD and the commit publishes that event again, which
 * consumers recognise by its {@code eventId}. The SQL is the service's own
 * ({@code <service>/outbox-claim.sql}, {@code <service>/outbox-published.sql}): it owns the table.
 */
public abstract class OutboxRelay extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long WARN_EVERY_MILLIS = 30_000;

    private final String service;
    private final Duration period;
    private final int batchSize;
    private final AtomicLong lastWarning = new AtomicLong();

    protected OutboxRelay(String service, Duration period, int batchSize) {
        this.service = service;
        this.period = period;
        this.batchSize = batchSize;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(this::warn)
                .markRollbackOnly();

        // @formatter:off
        from("timer:" + service + "-outbox?delay=" + period.toMillis() + "&period=" + period.toMillis())
            .routeId(service + "-outbox-relay")
            .to("direct:" + service + "-outbox-publish");

        // at most one nudge waits: many commits at once wake the relay once, and it takes them all
        from(nudge(service) + "&concurrentConsumers=1")
            .routeId(service + "-outbox-nudged")
            .to("direct:" + service + "-outbox-publish");

        from("direct:" + service + "-outbox-publish").routeId(service + "-outbox-publish")
            .transacted()
            .setBody(SqlParams.of("batch", String.valueOf(batchSize)))
            .to("sql:classpath:" + service + "/outbox-claim.sql")
            .filter(simple("${body.size()} > 0"))
                .setVariable("claimed", body())
                .split(body())
                    .setVariable("stream", simple("${body[stream]}"))
                    .setBody(simple("${body[payload]}"))
                    .toD(Streams.publish("${variable.stream}"))
                .end()
                .setBody(method(OutboxRelay.class, "ids(${variable.claimed})"))
                .to("sql:classpath:" + service + "/outbox-published.sql")
                .log(LoggingLevel.DEBUG, "Outbox of " + service + ": published ${variable.claimed.size()} events")
            .end();
        // @formatter:on
    }

    /**
     * The endpoint a route sends to ({@code .to(ExchangePattern.InOnly, OutboxRelay.nudge("orders"))}) after it
     * committed outbox rows: never blocks, and is dropped when a nudge is already waiting.
     */
    public static String nudge(String service) {
        return "seda:" + service + "-outbox-nudge?size=1&discardWhenFull=true&waitForTaskToComplete=Never";
    }

    /** The SQL parameters that mark the claimed rows published. */
    public static Map<String, Object> ids(@Body List<Map<String, Object>> claimed) {
        return Map.of("ids", claimed.stream().map(row -> row.get("id")).toList());
    }

    /** A failed run is logged once in a while, not on every tick while Redis is away. */
    private void warn(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("Outbox of {}: events not published yet, retrying every {} ms: {}", service, period.toMillis(),
                    cause == null ? "?" : cause.getMessage());
        } else {
            LOG.debug("Outbox of {}: events not published yet: {}", service, cause == null ? "?" : cause.getMessage());
        }
    }
}
