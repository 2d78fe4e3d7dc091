package io.caravan.orders;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.orders.*}: pricing, the payment step, the streams, identity's events, the list cache, the outbox. */
@Validated
@ConfigurationProperties("caravan.orders")
public record OrdersProperties(
        @NotBlank String catalogUrl,
        @NotNull @DecimalMin("0") @DecimalMax("10") BigDecimal feeRate,
        @Valid @NotNull Payment payment,
        @Valid @NotNull Streams streams,
        @NotBlank String cacheGroup,
        @Valid @NotNull UserEvents userEvents,
        @Valid @NotNull Cache cache,
        @Valid @NotNull Outbox outbox) {

    public record Payment(@NotBlank String group, @NotNull Duration delay) {
    }

    public record Streams(@NotBlank String orderPlaced, @NotBlank String orderCompleted, @NotBlank String orderEvents,
                          @NotBlank String stockTaken, @NotBlank String refundOrder) {
    }

    public record UserEvents(@NotBlank String exchange, @NotBlank String registeredQueue, @NotBlank String profileUpdatedQueue,
                             @NotBlank String deadLetterQueue, @Min(0) int maxRedeliveries, @NotNull Duration redeliveryDelay) {
    }

    public record Cache(@NotNull Duration ttl) {
    }

    public record Outbox(@NotNull Duration period, @Min(1) int batchSize) {
    }
}
