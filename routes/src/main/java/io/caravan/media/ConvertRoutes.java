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

    /** What the owner of a job that kept failing is told. */
    static final String GAVE_UP = "the conversion kept failing on our side; upload the video again later";
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
                .bean(ConvertRoutes.class, "cleanUp")
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

        // the video on ffmpeg's stdin when it can be read front to back, else copied to the work dir first
        from("direct:media-fetch-video").routeId("media-fetch-video")
            .bean(this, "videoInput");

        // camel-exec gives the body to the process's stdin (the streamed video, or nothing)
        from("direct:media-ffmpeg").routeId("media-ffmpeg")
            .setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, constant(ffmpeg.executable()))
            .setHeader(ExecBinding.EXEC_COMMAND_ARGS, method(this, "ffmpegArguments"))
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

        // a job that kept failing (not ffmpeg's verdict: GridFS, the broker) ends failed too, and its owner is told
        from("direct:media-dead-letter").routeId("media-dead-letter")
            .log(LoggingLevel.ERROR, "Job message dead-lettered: ${exception.message}")
            .to(CONVERSIONS + "dead-lettered")
            .to(Rabbit.confirmedPublish("{{caravan.media.exchange}}", "{{caravan.media.dead-letter-queue}}"))
            .filter(variable("job").isNotNull())
                .bean(store, "markFailed(${variable.job}, '" + GAVE_UP + "')")
                .bean(MediaResult.class, "failed(${variable.job}, '" + GAVE_UP + "')")
                .to("direct:media-publish-outcome")
            .end();
        // @formatter:on
    }

    /** ffmpeg's error lines, without the converter's own paths, as a one-line reason a user can read. */
    static String reason(String stderr, int exit, Path workDir) {
        if (stderr == null || stderr.isBlank()) {
            return "exit code " + exit;
        }
        String text = String.join("; ", stderr.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                .replace(workDir.resolve("input").toString(), "the uploaded file")
                .replace(VideoInput.STDIN, "the uploaded file")
                .replace(workDir.toString(), "");
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** A private work directory for one job, under caravan.media.converter.work-dir. */
    public Path workDir(Exchange exchange) throws java.io.IOException {
        Path base = Files.createDirectories(Path.of(properties.converter().workDir()));
        return Files.createTempDirectory(base, "job-");
    }

    /**
     * The video's stream for ffmpeg's stdin, or null when it went to the work file ({@link VideoInput});
     * the {@code input} variable says which to ffmpeg, the {@code video} variable is closed when the job ends.
     */
    public java.io.InputStream videoInput(Exchange exchange) throws java.io.IOException {
        Path file = exchange.getVariable("workDir", Path.class).resolve("input");
        java.io.InputStream stream = VideoInput.streamOrCopy(store.openVideo(exchange.getVariable("job", MediaJob.class).videoId()), file);
        exchange.setVariable("input", stream != null ? VideoInput.STDIN : file.toString());
        exchange.setVariable("video", stream);
        return stream;
    }

    /** Closes the video stream (if ffmpeg stopped reading it early) and removes the work directory. */
    public static void cleanUp(@org.apache.camel.Variable("video") java.io.InputStream video, @org.apache.camel.Variable("workDir") Path workDir) {
        if (video != null) {
            try {
                video.close();
            } catch (java.io.IOException ignored) {
                // the job is over either way
            }
        }
        deleteQuietly(workDir);
    }

    public java.util.List<String> ffmpegArguments(Exchange exchange) {
        return ffmpeg.toMp3(exchange.getVariable("input", String.class), exchange.getVariable("workDir", Path.class).resolve("audio.mp3"));
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
