package io.caravan.platform.redisstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of a stream consumer, tagged with stream and group: {@code caravan.stream.entries{outcome}}. */
class StreamMetrics {

    static final StreamMetrics NONE = new StreamMetrics();

    private final Counter acked;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter reclaimed;
    private final Counter trimmed;
    private final Counter reconnects;

    private StreamMetrics() {
        acked = failed = deadLettered = reclaimed = trimmed = reconnects = null;
    }

    StreamMetrics(MeterRegistry registry, String stream, String group) {
        acked = counter(registry, stream, group, "acked");
        failed = counter(registry, stream, group, "failed");
        deadLettered = counter(registry, stream, group, "dead-lettered");
        reclaimed = counter(registry, stream, group, "reclaimed");
        trimmed = counter(registry, stream, group, "trimmed");
        reconnects = Counter.builder("caravan.stream.reconnects").tag("stream", stream).tag("group", group)
                .description("Times the consumer lost its Redis connection").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String stream, String group, String outcome) {
        return Counter.builder("caravan.stream.entries").tag("stream", stream).tag("group", group).tag("outcome", outcome)
                .description("Stream entries by outcome").register(registry);
    }

    void acked(int n) {
        if (acked != null) {
            acked.increment(n);
        }
    }

    void failed() {
        if (failed != null) {
            failed.increment();
        }
    }

    void deadLettered() {
        if (deadLettered != null) {
            deadLettered.increment();
        }
    }

    void reclaimed(int n) {
        if (reclaimed != null) {
            reclaimed.increment(n);
        }
    }

    void trimmed() {
        if (trimmed != null) {
            trimmed.increment();
        }
    }

    void reconnect() {
        if (reconnects != null) {
            reconnects.increment();
        }
    }
}
