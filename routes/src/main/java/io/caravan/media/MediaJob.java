package io.caravan.media;

/**
 * The message on the video queue: one conversion job. {@code email} travels with it so the
 * notification service can reach the owner without asking identity.
 */
public record MediaJob(String jobId, String videoId, String owner, String email, String filename) {
}
