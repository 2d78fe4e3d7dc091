package io.caravan.events;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.events.*}: the seed-001 event producer, consumer and simulator. */
@Validated
@ConfigurationProperties("caravan.events")
public record EventsProperties(
        @NotBlank String stream,
        @Min(1) long maxLen,
        boolean keepUnconsumed,
        @Min(1) int maxBodyBytes,
        @NotNull Duration livenessInterval,
        @Valid @NotNull Consumer consumer,
        @Valid @NotNull Simulator simulator,
        @Valid @NotNull Feed feed) {

    /** The consumer group that reads the stream. */
    public record Consumer(
            @NotBlank String group,
            @NotBlank String name,
            @Pattern(regexp = "0|\\$", message = "must be 0 (whole stream) or $ (new entries only)") String startId,
            @Min(1) int batchSize,
            @NotNull Duration blockTimeout,
            @Min(1) int maxDeliveries,
            @NotNull Duration retryDelay,
            @NotNull Duration reclaimIdle,
            @NotBlank String deadLetterStream) {
    }

    /** The capped Redis list of the events the consumer handled, newest first ({@code GET /api/v1/events/feed}). */
    public record Feed(@NotBlank String key, @Min(1) @Max(10_000) int size) {
    }

    /** Posts {@code {"description":"hello world"}} to the producer at {@code rate} events per second. */
    public record Simulator(@PositiveOrZero double rate, @NotBlank String targetUrl) {

        /** The timer period for the rate; only meaningful when {@code rate > 0}. */
        public long periodMillis() {
            return Math.max(1, Math.round(1000.0 / rate));
        }
    }
}
