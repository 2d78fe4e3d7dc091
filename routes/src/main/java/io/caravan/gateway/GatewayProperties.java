package io.caravan.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code caravan.gateway.*}: where the services the gateway calls are (their HTTP endpoints only: the
 * gateway runs as its own pod), and the limits a GraphQL query must stay within.
 */
@Validated
@ConfigurationProperties("caravan.gateway")
public record GatewayProperties(
        @NotBlank String identityUrl,
        @NotBlank String catalogUrl,
        @NotBlank String ordersUrl,
        @NotBlank String eventsUrl,
        @NotBlank String mediaUrl,
        @NotBlank String notificationUrl,
        @Valid @NotNull Graphql graphql) {

    /** Depth and complexity (fields, weighted) beyond which a query is refused before it runs. */
    public record Graphql(@Min(1) int maxDepth, @Min(1) int maxComplexity, @Min(1) int maxQueryLength) {
    }
}
