package io.caravan.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;

/** What a user is told about a job's outcome, in words: the notification's row (and the email's subject and text). */
final class Notifications {

    private Notifications() {
    }

    public static Map<String, Object> of(@Body MediaOutcome outcome) {
        boolean ready = "ready".equals(outcome.status());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", outcome.owner());
        row.put("jobId", outcome.jobId());
        row.put("kind", ready ? "audio-ready" : "conversion-failed");
        row.put("title", ready ? "Your MP3 is ready" : "Your conversion failed");
        row.put("body", ready
                ? "The audio of " + outcome.filename() + " is ready. Download it from /api/v1/media/" + outcome.jobId()
                        + "/audio (audio id " + outcome.audioId() + ")."
                : "We could not make an MP3 of " + outcome.filename() + ": " + outcome.reason());
        row.put("audioId", outcome.audioId());
        return row;
    }
}
