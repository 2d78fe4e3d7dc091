package io.caravan.notification;

/** A media job's outcome as it arrives on the audio queue (the media service's JSON; its own type). */
public record MediaOutcome(String jobId, String status, String audioId, String reason, String owner, String email, String filename) {
}
