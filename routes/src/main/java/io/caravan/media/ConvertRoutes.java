package io.caravan.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.JsonMessage;
import io.caravan.platform.Json;
import io.caravan.platform.Rabbit;
import io.caravan.platform.UnreadableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.exec.ExecBinding;
import org.springframework.stereotype.Component;

/**
 * The converter: video queue → GridFS video → ffmpeg (camel-exec) → GridFS audio → audio queue.
 *
 * <ul>
 * <li>A message is acked only when its route completed; a converter that dies mid-job leaves it
 * unacked and the broker hands it to the next one.</li>
 * <li>Idempotent: a job already {@code ready} is skipped, and audio already stored for it is reused.</li>
 * <li>ffmpeg failing (not a video, no audio track, timeout) is final: the job is {@code failed} with
 * ffmpeg's reason, a failure message goes to the notification queue, the message to the dead-letter
 * queue. Anything else (GridFS, broker) is retried with backoff, then dead-lettered. Never a crash loop.</li>
 * <li>The job's work directory is removed in every outcome.</li>
 * </ul>
 */
@Component
@ConditionalOnService(CaravanService.CONVERTER)
class ConvertRoutes extends RouteBuilder {

    /** caravan_media_conversions_total{outcome} and caravan_media_conversion_duration_seconds{outcome}. */
    private static final String CONVERSIONS = "micrometer:counter:caravan.media.conversions?tags=outcome=";
    private static final String CONVERSION_TIME = "micrometer:timer:caravan.media.conversion.duration?action=";

    private final MediaStore store;
    private final Ffmpeg ffmpeg;
    private final MediaProperties properties;

    ConvertRoutes(MediaStore store, Ffmpeg ffmpeg, MediaProperties properties) {
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.properties = properties;
    }

    @Override
    public void configure() {
        MediaProperties.Converter converter = properties.converter();

        errorHandler(deadLetterChannel("direct:media-dead-letter").useOriginalMessage()
                .maximumRedeliveries(converter.maxRedeliveries())
                .redeliveryDelay(converter.redeliveryDelay().toMillis()).backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN));
        // what retrying cannot fix goes to the dead-letter queue at once (decision 9)
        onException(UnreadableMessageException.class).maximumRedeliveries(0);
        onException(ConversionFailedException.class).handled(true).maximumRedeliveries(0)
                .log(LoggingLevel.WARN, "Job ${variable.job.jobId()} failed: ${exception.message}")
                .to(CONVERSION_TIME + "stop&tags=outcome=failed")
                .to(CONVERSIONS + "failed")
                .bean(store, "markFailed(${variable.job}, ${exception.message})")
                .bean(MediaResult.class, "failed(${variable.job}, ${exception.message})")
                .to("direct:media-publish-outcome")
                .setBody(variable("job"))
                .marshal().json()
                .to(Rabbit.confirmedPublish("{{caravan.media.exchange}}", "{{caravan.media.dead-letter-queue}}"));

        // @formatter:off
        from(Rabbit.consume("{{caravan.media.exchange}}", "{{caravan.media.video-queue}}", converter.concurrency()))
            .routeId("media-convert")
            .unmarshal(JsonMessage.of(MediaJob.class))
            .setVariable("job", body())
            .setVariable("workDir", method(this, "workDir"))
            .onCompletion()
                .bean(ConvertRoutes.class, "deleteQuietly(${variable.workDir})")
            .end()
            .choice()
                .when(method(store, "alreadyConverted"))
                    .log("Job ${variable.job.jobId()} was converted before: skipped")
                .otherwise()
                    .bean(store, "markConverting")
                    .log("Job ${variable.job.jobId()} converting")
                    .to(CONVERSION_TIME + "start")
                    .to("direct:media-fetch-video")
                    .to("direct:media-ffmpeg")
                    .to("direct:media-store-audio")
                    .to("direct:media-announce")
            .end();

        from("direct:media-fetch-video").routeId("media-fetch-video")
            .process(exchange -> store.downloadVideo(exchange.getVariable("job", MediaJob.class).videoId(),
                    exchange.getVariable("workDir", Path.class).resolve("input")));

        from("direct:media-ffmpeg").routeId("media-ffmpeg")
            .setBody(constant((Object) null)) // exec feeds the body to stdin: nothing
            .setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, constant(ffmpeg.executable()))
            .process(exchange -> exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, ffmpeg.toMp3(
                    exchange.getVariable("workDir", Path.class).resolve("input"),
                    exchange.getVariable("workDir", Path.class).resolve("audio.mp3"))))
            .to("exec:ffmpeg?timeout=" + converter.timeout().toMillis())
            .process(exchange -> {
                int exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
                if (exit != 0) {
                    String stderr = exchange.getMessage().getHeader(ExecBinding.EXEC_STDERR, String.class);
                    throw new ConversionFailedException(exit == 143 || exit == 137
                            ? "ffmpeg took longer than " + converter.timeout()
                            : "ffmpeg: " + reason(stderr, exit, exchange.getVariable("workDir", Path.class)));
                }
            });

        from("direct:media-store-audio").routeId("media-store-audio")
            .setVariable("audioId", method(this, "existingAudio"))
            .filter(variable("audioId").isNull())
                .process(exchange -> {
                    MediaJob current = exchange.getVariable("job", MediaJob.class);
                    var message = exchange.getMessage();
                    message.setBody(Files.newInputStream(exchange.getVariable("workDir", Path.class).resolve("audio.mp3")));
                    message.setHeader(Exchange.FILE_NAME, baseName(current.filename()) + ".mp3");
                    message.setHeader(Exchange.CONTENT_TYPE, "audio/mpeg");
                    message.setHeader("gridfs.metadata", Json.MAPPER.writeValueAsString(Map.of(
                            "owner", current.owner(), "jobId", current.jobId(), "sourceVideoId", current.videoId(),
                            "sourceFilename", current.filename())));
                })
                .to("mongodb-gridfs:mongo?database={{caravan.media.database}}&bucket={{caravan.media.audio-bucket}}&operation=create")
                .setVariable("audioId", header("gridfs.fileid"))
            .end()
            .bean(store, "markReady(${variable.job}, ${variable.audioId})");

        from("direct:media-announce").routeId("media-announce")
            .bean(MediaResult.class, "ready(${variable.job}, ${variable.audioId})")
            .to("direct:media-publish-outcome")
            .to(CONVERSION_TIME + "stop&tags=outcome=ready")
            .to(CONVERSIONS + "ready")
            .filter(exchange -> !properties.converter().keepSource())
                .bean(store, "deleteVideo(${variable.job.videoId()})")
            .end()
            .log("Job ${variable.job.jobId()} ready: audio ${variable.audioId}");

        // a job's outcome, for the notification service
        from("direct:media-publish-outcome").routeId("media-publish-outcome")
            .marshal().json()
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .to(Rabbit.confirmedPublish("{{caravan.media.exchange}}", "{{caravan.media.audio-queue}}"));

        from("direct:media-dead-letter").routeId("media-dead-letter")
            .log(LoggingLevel.ERROR, "Job message dead-lettered: ${exception.message}")
            .to(CONVERSIONS + "dead-lettered")
            .to(Rabbit.confirmedPublish("{{caravan.media.exchange}}", "{{caravan.media.dead-letter-queue}}"));
        // @formatter:on
    }

    /** ffmpeg's error lines, without the converter's own paths, as a one-line reason a user can read. */
    static String reason(String stderr, int exit, Path workDir) {
        if (stderr == null || stderr.isBlank()) {
            return "exit code " + exit;
        }
        String text = String.join("; ", stderr.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                .replace(workDir.resolve("input").toString(), "the uploaded file")
                .replace(workDir.toString(), "");
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** A private work directory for one job, under caravan.media.converter.work-dir. */
    public Path workDir(Exchange exchange) throws java.io.IOException {
        Path base = Files.createDirectories(Path.of(properties.converter().workDir()));
        return Files.createTempDirectory(base, "job-");
    }

    public String existingAudio(Exchange exchange) {
        return store.existingAudio(exchange.getVariable("job", MediaJob.class).jobId());
    }

    private static String baseName(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }

    /** Removes a job's work directory, whatever happened to the job. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort: the directory is under the converter's own work dir
        }
    }
}
