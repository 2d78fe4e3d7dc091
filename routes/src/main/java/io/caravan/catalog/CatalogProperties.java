package io.caravan.catalog;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.catalog.*}: the streams the catalog writes and reads, its list cache and its outbox relay. */
@Validated
@ConfigurationProperties("caravan.catalog")
public record CatalogProperties(
        @Valid @NotNull Streams streams,
        @NotBlank String inventoryGroup,
        @NotBlank String cacheGroup,
        @Valid @NotNull Cache cache,
        @Valid @NotNull Outbox outbox) {

    /** Stream names: what the catalog publishes, and the paid orders it takes stock for. */
    public record Streams(@NotBlank String products, @NotBlank String stockTaken, @NotBlank String refundOrder,
                          @NotBlank String orderCompleted) {
    }

    public record Cache(@NotNull Duration ttl) {
    }

    public record Outbox(@NotNull Duration period, @Min(1) int batchSize) {
    }
}
