package io.caravan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBuckets;
import io.caravan.CaravanApplication;
import io.caravan.media.Ffmpeg;
import io.caravan.testing.MongoServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Media benchmark (docs/benchmarks.md), against local mode in this JVM:
 * <ol>
 * <li>upload-complete → audio-ready latency of a 10-minute 720p clip, against bare ffmpeg on the file;</li>
 * <li>8 concurrent jobs (converter concurrency 8) against 8 bare ffmpeg processes on the same files;</li>
 * <li>a 1 GiB upload (run the JVM with -Xmx256m), MB/s against the Java driver writing the same bytes to GridFS.</li>
 * </ol>
 * <pre>./mvnw -pl routes -Pbench verify -Dit.test=MediaBenchmark</pre>
 */
class MediaBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int LONG_SECONDS = Integer.getInteger("bench.media.long-seconds", 600);
    private static final int PARALLEL = Integer.getInteger("bench.media.parallel", 8);
    private static final int PARALLEL_SECONDS = Integer.getInteger("bench.media.parallel-seconds", 60);
    private static final long UPLOAD_BYTES = Long.getLong("bench.media.upload-bytes", 1L << 30);

    private int port;
    private String token;

    @Test
    void media() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench/media"));
        StringBuilder report = new StringBuilder("\n");
        Files.deleteIfExists(dir.resolve("mongo.mv"));
        try (MongoServerProcess mongoServer = MongoServerProcess.start(dir.resolve("mongo.mv"));
             ConfigurableApplicationContext app = new SpringApplicationBuilder(CaravanApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--caravan.services=identity,media,converter,notification",
                // MongoDB in its own process: the platform's heap holds the platform alone
                "--caravan.embedded.services=redis,rabbitmq,postgres,smtp", "--caravan.mongodb.uri=" + mongoServer.uri(),
                "--caravan.media.converter.concurrency=" + PARALLEL, "--spring.jmx.enabled=false")) {
            port = ((WebServerApplicationContext) app).getWebServer().getPort();
            token = login();
            Ffmpeg ffmpeg = app.getBean(Ffmpeg.class);
            report.append(String.format(Locale.ROOT, "platform JVM max heap %d MiB (MongoDB wire server in its own process), %d cores, %s%n%n",
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), ffmpeg.executable()));

            // warm-up: one short job first, so class loading and JIT are not measured as pipeline cost
            pipeline(List.of(clip(ffmpeg, dir.resolve("warm-up.mp4"), 5)));

            // 1. one long clip, as ffmpeg writes it (index at the end: the converter copies it to a work file
            // first) and with the index in front (faststart: streamed from GridFS into ffmpeg's stdin)
            Path longClip = clip(ffmpeg, dir.resolve("long-720p.mp4"), LONG_SECONDS);
            for (Path clip : List.of(longClip, faststart(ffmpeg, longClip))) {
                double bare = bareFfmpeg(ffmpeg, List.of(clip), dir);
                double pipeline = pipeline(List.of(clip));
                report.append(String.format(Locale.ROOT, "| %d s 720p clip (%.0f MB, %s) | bare ffmpeg %.2f s | upload-complete → ready %.2f s | ratio %.2f |%n",
                        LONG_SECONDS, Files.size(clip) / 1e6, kind(clip), bare, pipeline, pipeline / bare));
            }

            // 2. parallel jobs, both kinds of file
            List<Path> clips = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                clips.add(clip(ffmpeg, dir.resolve("clip-" + i + ".mp4"), PARALLEL_SECONDS));
            }
            List<Path> faststartClips = new ArrayList<>();
            for (Path clip : clips) {
                faststartClips.add(faststart(ffmpeg, clip));
            }
            for (List<Path> batch : List.of(clips, faststartClips)) {
                double bareParallel = bareFfmpeg(ffmpeg, batch, dir);
                double pipelineParallel = pipeline(batch);
                report.append(String.format(Locale.ROOT, "| %d × %d s clips (%s), %d at a time | bare ffmpeg %.2f s | uploads complete → all ready %.2f s | ratio %.2f |%n",
                        PARALLEL, PARALLEL_SECONDS, kind(batch.get(0)), PARALLEL, bareParallel, pipelineParallel, pipelineParallel / bareParallel));
            }

            // 3. a large upload; the reference first, so neither gains from the other's warm store
            MongoClient mongo = app.getBean(MongoClient.class);
            long t0 = System.nanoTime();
            try (InputStream bytes = generated(UPLOAD_BYTES)) {
                GridFSBuckets.create(mongo.getDatabase("caravan_media"), "bench").uploadFromStream("direct.bin", bytes);
            }
            double directSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            HttpResponse<String> upload = uploadGenerated(UPLOAD_BYTES);
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            report.append(String.format(Locale.ROOT, "| %d MiB upload | Java driver straight to GridFS %.1f s = %.1f MB/s | HTTP %d in %.1f s = %.1f MB/s | HTTP / driver %.2f |%n",
                    UPLOAD_BYTES >> 20, directSeconds, UPLOAD_BYTES / 1e6 / directSeconds, upload.statusCode(), uploadSeconds,
                    UPLOAD_BYTES / 1e6 / uploadSeconds, directSeconds / uploadSeconds));
        }
        System.out.println(report);
        Files.writeString(Path.of("target/bench/media.md"), report.toString());
    }

    private String login() throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        post("/api/v1/auth/register", "{\"name\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"benchmark pass\"}");
        return JSON.readTree(post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"benchmark pass\"}")).get("accessToken").asText();
    }

    private static Path clip(Ffmpeg ffmpeg, Path target, int seconds) throws Exception {
        if (!Files.exists(target)) {
            run(List.of(ffmpeg.executable(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=25:duration=" + seconds,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-shortest",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", target.toString()));
        }
        return target;
    }

    /** The same clip with its index moved to the front ({@code -movflags +faststart}), as web uploads often are. */
    private static Path faststart(Ffmpeg ffmpeg, Path clip) throws Exception {
        Path target = clip.resolveSibling(clip.getFileName().toString().replace(".mp4", "-faststart.mp4"));
        if (!Files.exists(target)) {
            run(List.of(ffmpeg.executable(), "-v", "error", "-y", "-i", clip.toString(), "-c", "copy", "-movflags", "+faststart", target.toString()));
        }
        return target;
    }

    private static String kind(Path clip) {
        return clip.getFileName().toString().contains("faststart") ? "index first: streamed into ffmpeg" : "index at the end: via a work file";
    }

    /** Wall time of the converter's own ffmpeg command on every clip, all at once. */
    private static double bareFfmpeg(Ffmpeg ffmpeg, List<Path> clips, Path dir) throws Exception {
        long t0 = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (Path clip : clips) {
            List<String> command = new ArrayList<>(List.of(ffmpeg.executable()));
            command.addAll(ffmpeg.toMp3(clip.toString(), dir.resolve(clip.getFileName() + ".mp3")));
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : processes) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bare ffmpeg failed");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Uploads every clip at once, then the time from the last 202 until every job is ready. */
    private double pipeline(List<Path> clips) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clips.size());
        List<Future<String>> jobs = new ArrayList<>();
        for (Path clip : clips) {
            jobs.add(pool.submit(() -> JSON.readTree(upload(clip).body()).get("id").asText()));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> job : jobs) {
            ids.add(job.get());
        }
        long t0 = System.nanoTime();
        pool.shutdown();
        for (String id : ids) {
            while (true) {
                JsonNode status = JSON.readTree(get("/api/v1/media/" + id));
                if ("ready".equals(status.get("status").asText())) {
                    break;
                }
                if ("failed".equals(status.get("status").asText())) {
                    throw new IllegalStateException("job failed: " + status);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private HttpResponse<String> upload(Path clip) throws Exception {
        long size = Files.size(clip);
        return multipart(clip.getFileName().toString(), () -> Files.newInputStream(clip), size);
    }

    private HttpResponse<String> uploadGenerated(long bytes) throws Exception {
        return multipart("large.bin", () -> generated(bytes), bytes);
    }

    interface Source {
        InputStream open() throws IOException;
    }

    private HttpResponse<String> multipart(String name, Source source, long size) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new java.io.ByteArrayInputStream(head), source.open(), new java.io.ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), head.length + size + tail.length))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** {@code bytes} of incompressible-looking data without holding them: a repeated random block. */
    private static InputStream generated(long bytes) {
        byte[] block = new byte[1 << 20];
        new java.util.Random(42).nextBytes(block);
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? block[(int) (left % block.length)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                int pos = (int) ((bytes - left) % block.length);
                n = Math.min(n, block.length - pos);
                System.arraycopy(block, pos, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    private String post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }
}
