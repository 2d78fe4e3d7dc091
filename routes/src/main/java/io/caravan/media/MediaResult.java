package io.caravan.media;

/** The message on the audio queue: a job ended, {@code ready} (with the audio id) or {@code failed} (with the reason). */
public record MediaResult(String jobId, String status, String audioId, String reason, String owner, String email, String filename) {

    public static MediaResult ready(MediaJob job, String audioId) {
        return new MediaResult(job.jobId(), "ready", audioId, null, job.owner(), job.email(), job.filename());
    }

    public static MediaResult failed(MediaJob job, String reason) {
        return new MediaResult(job.jobId(), "failed", null, reason, job.owner(), job.email(), job.filename());
    }
}
