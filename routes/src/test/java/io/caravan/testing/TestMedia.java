package io.caravan.testing;

import java.io.IOException;
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
import java.util.UUID;

/** Test clips made by ffmpeg itself, and their upload as a user's browser sends it (multipart/form-data). */
public final class TestMedia {

    private TestMedia() {
    }

    /**
     * A clip of {@code seconds}: ffmpeg's test pattern at {@code frameRate} frames per second (1 keeps a
     * long clip small and quick to make), with a 440 Hz tone or without any audio track.
     */
    public static Path clip(String ffmpeg, Path file, int seconds, boolean withAudio, int frameRate) throws IOException, InterruptedException {
        return clip(ffmpeg, file, seconds, withAudio, frameRate, false);
    }

    /** The same, its index first ({@code +faststart}: readable front to back) or, as ffmpeg writes by default, last. */
    public static Path clip(String ffmpeg, Path file, int seconds, boolean withAudio, int frameRate, boolean faststart)
            throws IOException, InterruptedException {
        if (Files.exists(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=160x120:rate=" + frameRate));
        if (withAudio) {
            command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-shortest", "-c:a", "aac"));
        }
        command.addAll(List.of("-c:v", "libx264", "-pix_fmt", "yuv420p"));
        if (faststart) {
            command.addAll(List.of("-movflags", "+faststart"));
        }
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not make " + file.getFileName() + ": " + output);
        }
        return file;
    }

    /** POST of one file as the multipart field {@code file}, with a bearer token. */
    public static HttpResponse<String> upload(HttpClient http, URI uri, String bearer, Path file) throws IOException, InterruptedException {
        String boundary = "caravan-" + UUID.randomUUID();
        List<byte[]> chunks = List.of(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(file),
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
