package io.caravan.media;

import jakarta.validation.constraints.NotBlank;

/**
 * The message on the video queue: one conversion job. {@code email} travels with it so the
 * notification service can reach the owner without asking identity.
 */
public record MediaJob(@NotBlank String jobId, @NotBlank String videoId, @NotBlank String owner, String email, @NotBlank String filename) {
}
