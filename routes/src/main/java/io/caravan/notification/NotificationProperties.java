package io.caravan.notification;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.notification.*}: where job outcomes arrive, where unhandled ones go, how often to retry. */
@Validated
@ConfigurationProperties("caravan.notification")
public record NotificationProperties(
        @NotBlank String exchange,
        @NotBlank String queue,
        @NotBlank String deadLetterQueue,
        @Min(0) int maxRedeliveries,
        @NotNull Duration redeliveryDelay) {
}
