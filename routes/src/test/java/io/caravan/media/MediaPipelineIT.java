package io.caravan.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import io.caravan.testing.CaravanIT;
import io.caravan.testing.TestMedia;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.caravan.notification.NotificationProperties;
import org.apache.camel.builder.NotifyBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The media pipeline end to end, on real servers and real ffmpeg: login → upload → convert → notify
 * → download; failures, ownership, Range, bad input, redelivery.
 */
class MediaPipelineIT extends CaravanIT {

    // robustness cases (broker down, converter dying mid-job, poison messages) are at the end

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path clips;

    @Autowired
    Ffmpeg ffmpeg;

    @Autowired
    MongoClient mongo;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MediaProperties media;

    @Autowired
    NotificationProperties notification;

    private String email;
    private String token;

    @BeforeEach
    void user() throws Exception {
        io.caravan.testing.Redeliveries.of(camel);
        email = "media-" + UUID.randomUUID() + "@example.com";
        token = account(email);
    }

    @Test
    void anUploadedVideoBecomesADownloadableMp3WithAnEmailAndAnInAppNotification() throws Exception {
        HttpResponse<String> upload = upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true))));
        assertThat(upload.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(upload.body());
        String job = accepted.get("id").asText();
        assertThat(accepted.get("status").asText()).isEqualTo("queued");
        assertThat(upload.headers().firstValue("Location")).hasValue("/api/v1/media/" + job);

        JsonNode ready = awaitStatus(job, "ready");
        String audioId = ready.get("audioId").asText();

        HttpResponse<byte[]> mp3 = download("/api/v1/media/" + job + "/audio", token, null);
        assertThat(mp3.statusCode()).isEqualTo(200);
        assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(mp3.headers().firstValueAsLong("Content-Length")).hasValue(mp3.body().length);
        assertThat(mp3.headers().firstValue("Content-Disposition").orElse("")).contains("tone.mp3");
        Path file = clips.resolve(job + ".mp3");
        Files.write(file, mp3.body());
        assertThat(durationSeconds(file)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.3));

        assertThat(download("/download?fid=" + audioId, token, null).body()).isEqualTo(mp3.body());
        assertThat(download("/download?id=" + audioId, token, null).body()).isEqualTo(mp3.body());

        MimeMessage mail = awaitEmail(email, "Your MP3 is ready");
        assertThat(mail.getContent().toString()).contains(job);
        assertThat(java.util.Collections.list(mail.getAllHeaderLines())).as("no internal headers in the mail")
                .noneMatch(h -> h.startsWith("gridfs") || h.startsWith("Camel") || h.toLowerCase().startsWith("authorization"));
        JsonNode notifications = JSON.readTree(get("/api/v1/notifications", token).body());
        assertThat(notifications.get(0).get("kind").asText()).isEqualTo("audio-ready");
        assertThat(notifications.get(0).get("jobId").asText()).isEqualTo(job);

        assertThat(videoCount(job)).as("the source video is deleted after success").isZero();
    }

    /** A video ffmpeg can read front to back goes to it straight from GridFS (stdin), without a copy on disk. */
    @Test
    void aFaststartVideoIsStreamedIntoFfmpeg() throws Exception {
        NotifyBuilder streamed = new NotifyBuilder(camel).fromRoute("media-convert")
                .filter(exchange -> "pipe:0".equals(exchange.getVariable("input"))).whenCompleted(1).create();
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("fast.mp4", true, true)))).body()).get("id").asText();
        awaitStatus(job, "ready");
        assertThat(streamed.matches(20, TimeUnit.SECONDS)).as("converted from stdin").isTrue();
        Path file = clips.resolve(job + ".mp3");
        Files.write(file, download("/api/v1/media/" + job + "/audio", token, null).body());
        assertThat(durationSeconds(file)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void aFileThatIsNotAVideoEndsFailedWithOneFailureEmail() throws Exception {
        Path junk = clips.resolve("notes-" + UUID.randomUUID() + ".txt");
        Files.writeString(junk, "this is not a video\n".repeat(100));
        long retriesBefore = redeliveries("media-convert");
        String job = JSON.readTree(upload("/api/v1/media", token, List.of(Map.entry("file", junk))).body()).get("id").asText();
        NotifyBuilder notified = outcomeHandled(job);

        JsonNode failed = awaitStatus(job, "failed");
        assertThat(failed.get("reason").asText()).startsWith("ffmpeg:").doesNotContain("/tmp/");
        // the job's last step is its dead-letter message, the outcome's its notification: both final
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetteredJobs().contains(job));
        assertThat(notified.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(emailsTo(email)).hasSize(1).allMatch(m -> "Your conversion failed".equals(subjectOf(m)));
        assertThat(status(job).get("status").asText()).isEqualTo("failed");
        assertThat(redeliveries("media-convert")).as("no retry of a file ffmpeg refused").isEqualTo(retriesBefore);
    }

    /** A job that keeps failing for a reason of ours (here: its video vanished from GridFS) is retried, then ends failed and told. */
    @Test
    void aJobThatKeepsFailingIsRetriedThenEndsFailedAndItsOwnerIsTold() throws Exception {
        long retriesBefore = redeliveries("media-convert");
        camel.getRouteController().stopRoute("media-convert");
        String job;
        try {
            job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
            String videoId = mongo.getDatabase(media.database()).getCollection("media_jobs").find(Filters.eq("_id", job)).first().getString("videoId");
            GridFSBuckets.create(mongo.getDatabase(media.database()), media.videoBucket()).delete(new ObjectId(videoId));
        } finally {
            camel.getRouteController().startRoute("media-convert");
        }
        JsonNode failed = awaitStatus(job, "failed");
        assertThat(failed.get("reason").asText()).isEqualTo(ConvertRoutes.GAVE_UP);
        assertThat(redeliveries("media-convert") - retriesBefore).as("retried before giving up").isEqualTo(media.converter().maxRedeliveries());
        awaitEmail(email, "Your conversion failed");
        assertThat(deadLetteredJobs()).contains(job);
    }

    @Test
    void aVideoWithoutAnAudioTrackEndsFailed() throws Exception {
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("silent.mp4", false)))).body()).get("id").asText();
        assertThat(awaitStatus(job, "failed").get("reason").asText()).contains("matches no streams");
    }

    @Test
    void anotherUserCannotSeeOrDownloadIt() throws Exception {
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
        String audioId = awaitStatus(job, "ready").get("audioId").asText();
        String intruder = account("intruder-" + UUID.randomUUID() + "@example.com");
        // the owner's notification exists, so an empty list for the intruder means it is hidden, not late
        await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(get("/api/v1/notifications", token).body()).size() == 1);

        assertThat(get("/api/v1/media/" + job, intruder).statusCode()).isEqualTo(404);
        assertThat(download("/api/v1/media/" + job + "/audio", intruder, null).statusCode()).isEqualTo(404);
        assertThat(download("/download?fid=" + audioId, intruder, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/media/" + job, null).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(get("/api/v1/notifications", intruder).body())).isEmpty();
    }

    @Test
    void rangeRequestsGetPartialContent() throws Exception {
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
        awaitStatus(job, "ready");
        byte[] whole = download("/api/v1/media/" + job + "/audio", token, null).body();

        HttpResponse<byte[]> part = download("/api/v1/media/" + job + "/audio", token, "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + whole.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, 200));

        HttpResponse<byte[]> tail = download("/api/v1/media/" + job + "/audio", token, "bytes=-50");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, whole.length - 50, whole.length));
        assertThat(download("/api/v1/media/" + job + "/audio", token, "bytes=" + whole.length + "-").statusCode()).isEqualTo(416);
        assertThat(download("/api/v1/media/" + job + "/audio", token, "lines=1-2").statusCode()).isEqualTo(416);
    }

    @Test
    void badUploadsAreRefusedAndLeaveNothingBehind() throws Exception {
        Path clip = clip("tone.mp4", true);
        long videosBefore = allVideos();
        assertThat(upload("/upload", null, List.of(Map.entry("file", clip))).statusCode()).isEqualTo(401);
        assertThat(upload("/upload", token + "x", List.of(Map.entry("file", clip))).statusCode()).isEqualTo(401);
        assertThat(upload("/upload", token, List.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> two = upload("/upload", token, List.of(Map.entry("a", clip), Map.entry("b", clip)));
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(two.body()).get("description").asText()).contains("exactly one file");
        assertThat(send("POST", "/upload", "{}", "application/json", "Authorization", "Bearer " + token).statusCode()).isEqualTo(400);

        Path big = clips.resolve("big-" + UUID.randomUUID() + ".mp4");
        Files.write(big, new byte[4 * 1024 * 1024]);
        assertThat(upload("/upload", token, List.of(Map.entry("file", big))).statusCode()).isEqualTo(413);
        assertThat(allVideos()).as("no orphan video").isEqualTo(videosBefore);
    }

    @Test
    void badDownloadIdsAre400Or404NotServerErrors() throws Exception {
        assertThat(download("/download?fid=not-an-id", token, null).statusCode()).isEqualTo(400);
        assertThat(download("/download", token, null).statusCode()).isEqualTo(400);
        assertThat(download("/download?fid=" + new ObjectId().toHexString(), token, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/media/" + UUID.randomUUID(), token).statusCode()).isEqualTo(404);
        assertThat(download("/api/v1/media/nope/audio", token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRedeliveredJobIsNotConvertedTwice() throws Exception {
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
        awaitStatus(job, "ready");
        awaitEmail(email, "Your MP3 is ready");
        Map<String, Object> message = Map.of("jobId", job, "videoId", new ObjectId().toHexString(), "owner", "x",
                "email", email, "filename", "tone.mp4");

        NotifyBuilder redelivered = new NotifyBuilder(camel).fromRoute("media-convert").filter(bodyMentions(job)).whenDone(1).create();
        rabbit.convertAndSend(media.exchange(), media.videoQueue(), JSON.writeValueAsString(message));
        assertThat(redelivered.matches(20, TimeUnit.SECONDS)).as("the redelivered job was handled").isTrue();
        assertThat(audioCount(job)).isEqualTo(1);
        assertThat(emailsTo(email)).hasSize(1);
        assertThat(status(job).get("status").asText()).isEqualTo("ready");
    }

    @Test
    void theBrokerDownAtUploadMeans503AndNoOrphanVideo() throws Exception {
        io.caravan.testing.ServerControl broker = brokerControl();
        org.junit.jupiter.api.Assumptions.assumeTrue(broker != null, "this run cannot restart the broker");
        Path clip = clip("tone.mp4", true);
        long videosBefore = allVideos();
        broker.stop();
        try {
            HttpResponse<String> refused = upload("/upload", token, List.of(Map.entry("file", clip)));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(503);
            assertThat(allVideos()).as("the stored video was removed").isEqualTo(videosBefore);
        } finally {
            broker.start();
        }
        // the platform reconnects by itself: the next upload is converted
        String job = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> upload("/upload", token, List.of(Map.entry("file", clip))), r -> r.statusCode() == 202)
                .body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(awaitStatus(job, "ready").get("status").asText()).isEqualTo("ready");
    }

    /**
     * A converter that takes a job and dies before acknowledging it (here: a bare AMQP consumer that
     * takes the message and closes its channel) leaves the message to the broker, which hands it to
     * the live converter: the job completes once, with one MP3 and one email.
     */
    @Test
    void aJobWhoseConverterDiedIsRedeliveredAndCompletesExactlyOnce() throws Exception {
        camel.getRouteController().stopRoute("media-convert");
        String job;
        try {
            job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
            // a converter of its own: a bare AMQP connection that takes the job and dies without an ack
            com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
            factory.setUri(environment.getProperty("caravan.rabbitmq.url"));
            try (com.rabbitmq.client.Connection connection = factory.newConnection()) {
                com.rabbitmq.client.Channel channel = connection.createChannel();
                var taken = await().atMost(Duration.ofSeconds(10)).until(() -> channel.basicGet(media.videoQueue(), false), r -> r != null);
                assertThat(new String(taken.getBody(), StandardCharsets.UTF_8)).contains(job);
            }
        } finally {
            camel.getRouteController().startRoute("media-convert");
        }
        NotifyBuilder notified = outcomeHandled(job);
        awaitStatus(job, "ready");
        assertThat(notified.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(audioCount(job)).isEqualTo(1);
        assertThat(emailsTo(email)).hasSize(1);
    }

    /** Decision 9: a message that can never be read is dead-lettered at once, never retried. */
    @ParameterizedTest
    @ValueSource(strings = {"{not json", "null", "[]", "{}", "{\"jobId\":\"j\",\"videoId\":7}"})
    void anUnreadableJobMessageIsDeadLetteredWithoutRetriesAndTheConverterCarriesOn(String unreadable) throws Exception {
        deadLetteredJobs(); // drain
        long retriesBefore = redeliveries("media-convert");
        rabbit.convertAndSend(media.exchange(), media.videoQueue(), unreadable);
        org.springframework.amqp.core.Message dead = await().atMost(Duration.ofSeconds(20))
                .until(() -> rabbit.receive(media.deadLetterQueue(), 500), m -> m != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(unreadable);
        assertThat(redeliveries("media-convert")).as("retries").isEqualTo(retriesBefore);

        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
        assertThat(awaitStatus(job, "ready").get("status").asText()).isEqualTo("ready");
    }

    @Test
    void theNotificationOfARedeliveredOutcomeIsNotSentTwice() throws Exception {
        String job = JSON.readTree(upload("/upload", token, List.of(Map.entry("file", clip("tone.mp4", true)))).body()).get("id").asText();
        String audioId = awaitStatus(job, "ready").get("audioId").asText();
        awaitEmail(email, "Your MP3 is ready");
        String owner = JSON.readTree(send("POST", "/validate", null, null, "Authorization", "Bearer " + token).body()).get("sub").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get("/api/v1/notifications", token).body()).size() == 1);
        NotifyBuilder again = outcomeHandled(job);
        rabbit.convertAndSend(media.exchange(), media.audioQueue(), JSON.writeValueAsString(Map.of("jobId", job, "status", "ready",
                "audioId", audioId, "owner", owner, "email", email, "filename", "tone.mp4")));
        assertThat(again.matches(20, TimeUnit.SECONDS)).as("the redelivered outcome was handled").isTrue();
        assertThat(emailsTo(email)).hasSize(1);
        assertThat(JSON.readTree(get("/api/v1/notifications", token).body())).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[broken", "null", "{}", "{\"jobId\":\"j\",\"status\":\"exploded\",\"owner\":\"o\"}"})
    void anUnreadableOutcomeMessageIsDeadLetteredWithoutRetries(String unreadable) throws Exception {
        long retriesBefore = redeliveries("notification-media-outcome");
        rabbit.convertAndSend(media.exchange(), media.audioQueue(), unreadable);
        org.springframework.amqp.core.Message dead = await().atMost(Duration.ofSeconds(20))
                .until(() -> rabbit.receive(notification.deadLetterQueue(), 500), m -> m != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(unreadable);
        assertThat(redeliveries("notification-media-outcome")).as("retries").isEqualTo(retriesBefore);
    }

    // ------------------------------------------------------------------------------------------

    /** Camel's redelivery attempts so far in exchanges of a route. */
    private long redeliveries(String routeId) {
        return io.caravan.testing.Redeliveries.of(camel).in(routeId);
    }

    /** Done when the notification service has handled (emailed or skipped) an outcome of {@code job}. */
    private NotifyBuilder outcomeHandled(String job) {
        return new NotifyBuilder(camel).fromRoute("notification-media-outcome").filter(bodyMentions(job)).whenDone(1).create();
    }

    /** An exchange about {@code job}: its raw message (when it arrives) or a variable (when it is done) names it. */
    private static org.apache.camel.Predicate bodyMentions(String job) {
        return exchange -> {
            Object body = exchange.getIn().getBody();
            String raw = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body instanceof String text ? text : "";
            return raw.contains(job) || exchange.getVariables().values().stream().anyMatch(v -> String.valueOf(v).contains(job));
        };
    }

    private String account(String address) throws Exception {
        send("POST", "/api/v1/auth/register", JSON.writeValueAsString(Map.of("name", "M", "email", address, "password", "correct horse")),
                "application/json");
        return JSON.readTree(send("POST", "/api/v1/auth/login",
                JSON.writeValueAsString(Map.of("email", address, "password", "correct horse")), "application/json").body())
                .get("accessToken").asText();
    }

    /** A 3-second test clip, with a 440 Hz tone or without any audio track, made by ffmpeg itself. */
    private Path clip(String name, boolean withAudio) throws Exception {
        return clip(name, withAudio, false);
    }

    /** The same, its index first ({@code +faststart}: readable front to back) or, as ffmpeg writes by default, last. */
    private Path clip(String name, boolean withAudio, boolean faststart) throws Exception {
        return TestMedia.clip(ffmpeg.executable(), clips.resolve((withAudio ? "a-" : "s-") + (faststart ? "f-" : "") + name),
                3, withAudio, 10, faststart);
    }

    /** The duration ffmpeg reads from the file's header. */
    private double durationSeconds(Path file) throws Exception {
        Process process = new ProcessBuilder(ffmpeg.executable(), "-hide_banner", "-i", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+\\.\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private JsonNode awaitStatus(String job, String expected) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> status(job),
                s -> expected.equals(s.get("status").asText()) || ("ready".equals(expected) && "failed".equals(s.get("status").asText())));
    }

    private JsonNode status(String job) throws Exception {
        return JSON.readTree(get("/api/v1/media/" + job, token).body());
    }

    private MimeMessage awaitEmail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(to).stream()
                .filter(m -> subject.equals(subjectOf(m))).findFirst().orElse(null), m -> m != null);
    }

    private List<MimeMessage> emailsTo(String to) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : embedded.smtp().getReceivedMessages()) {
            try {
                for (var address : message.getRecipients(Message.RecipientType.TO)) {
                    if (address.toString().equalsIgnoreCase(to)) {
                        found.add(message);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    private List<String> deadLetteredJobs() throws Exception {
        List<String> jobs = new ArrayList<>();
        org.springframework.amqp.core.Message message;
        while ((message = rabbit.receive(media.deadLetterQueue())) != null) {
            jobs.add(JSON.readTree(message.getBody()).get("jobId").asText());
        }
        return jobs;
    }

    private long videoCount(String job) {
        return count(media.videoBucket(), Filters.eq("metadata.jobId", job));
    }

    private long audioCount(String job) {
        return count(media.audioBucket(), Filters.eq("metadata.jobId", job));
    }

    private long allVideos() {
        return count(media.videoBucket(), Filters.empty());
    }

    private long count(String bucket, org.bson.conversions.Bson filter) {
        List<Object> files = new ArrayList<>();
        GridFSBuckets.create(mongo.getDatabase(media.database()), bucket).find(filter).into(files);
        return files.size();
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return bearer == null ? send("GET", path, null, null) : send("GET", path, null, null, "Authorization", "Bearer " + bearer);
    }

    private HttpResponse<byte[]> download(String path, String bearer, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer);
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** multipart/form-data with the given file parts, written by hand so tests control every byte. */
    private HttpResponse<String> upload(String path, String bearer, List<Map.Entry<String, Path>> files) throws Exception {
        String boundary = "caravan-" + UUID.randomUUID();
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Path> file : files) {
            chunks.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getValue().getFileName().toString().replaceFirst("^[as]-(f-)?", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            chunks.add(Files.readAllBytes(file.getValue()));
            chunks.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        chunks.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
