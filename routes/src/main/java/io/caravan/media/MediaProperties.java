package io.caravan.media;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.media.*}: uploads, the conversion queue and the converter. */
@Validated
@ConfigurationProperties("caravan.media")
public record MediaProperties(
        @NotBlank String database,
        @NotBlank String videoBucket,
        @NotBlank String audioBucket,
        @NotNull DataSize maxUploadSize,
        @NotBlank String exchange,
        @NotBlank String videoQueue,
        @NotBlank String audioQueue,
        @NotBlank String deadLetterQueue,
        @Valid @NotNull Converter converter) {

    /** The converter: ffmpeg from PATH (or {@code ffmpeg}), its limits, and what happens to the source. */
    public record Converter(
            String ffmpeg,
            @Min(1) int concurrency,
            @NotNull Duration timeout,
            @Min(0) int maxRedeliveries,
            @NotNull Duration redeliveryDelay,
            boolean keepSource,
            @NotBlank String workDir) {
    }
}
