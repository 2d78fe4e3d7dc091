package io.caravan.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A media job's outcome as it arrives on the audio queue (the media service's JSON; its own type). */
public record MediaOutcome(
        @NotBlank String jobId,
        @NotBlank @Pattern(regexp = "ready|failed") String status,
        String audioId,
        String reason,
        @NotBlank String owner,
        String email,
        String filename) {
}
