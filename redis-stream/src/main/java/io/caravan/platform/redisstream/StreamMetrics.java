package io.caravan.platform.redisstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counters of a stream consumer, tagged with stream and group: {@code caravan.stream.entries{outcome}}
 * and {@code caravan.stream.reconnects}. Without an application registry they count in a private one.
 */
class StreamMetrics {

    private final Counter acked;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter reclaimed;
    private final Counter trimmed;
    private final Counter reconnects;

    StreamMetrics(MeterRegistry registry, String stream, String group) {
        MeterRegistry target = registry == null ? new SimpleMeterRegistry() : registry;
        acked = entries(target, stream, group, "acked");
        failed = entries(target, stream, group, "failed");
        deadLettered = entries(target, stream, group, "dead-lettered");
        reclaimed = entries(target, stream, group, "reclaimed");
        trimmed = entries(target, stream, group, "trimmed");
        reconnects = Counter.builder("caravan.stream.reconnects").tag("stream", stream).tag("group", group)
                .description("Times the consumer lost its Redis connection").register(target);
    }

    private static Counter entries(MeterRegistry registry, String stream, String group, String outcome) {
        return Counter.builder("caravan.stream.entries").tag("stream", stream).tag("group", group).tag("outcome", outcome)
                .description("Stream entries by outcome").register(registry);
    }

    void acked(int n) {
        acked.increment(n);
    }

    void failed() {
        failed.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void reclaimed(int n) {
        reclaimed.increment(n);
    }

    void trimmed() {
        trimmed.increment();
    }

    void reconnect() {
        reconnects.increment();
    }
}
