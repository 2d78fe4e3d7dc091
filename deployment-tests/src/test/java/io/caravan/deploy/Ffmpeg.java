package io.caravan.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ffmpeg for the tests: the one on PATH, else the static build of the {@code jave-nativebin-linux64}
 * test dependency (as in local mode); test clips are made by ffmpeg itself.
 */
final class Ffmpeg {

    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+\\.\\d+)");

    private Ffmpeg() {
    }

    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ffmpeg"))) {
                return Path.of(dir, "ffmpeg").toString();
            }
        }
        Path target = Path.of(System.getProperty("caravan.binaries-dir", "target/binaries"), "ffmpeg-amd64-jave-3.5.0").toAbsolutePath();
        if (!Files.isExecutable(target)) {
            try (InputStream bundled = Ffmpeg.class.getResourceAsStream("/ws/schild/jave/nativebin/ffmpeg-amd64")) {
                if (bundled == null) {
                    throw new IllegalStateException("no ffmpeg on PATH and no bundled build for this platform");
                }
                Files.createDirectories(target.getParent());
                Path part = Files.createTempFile(target.getParent(), "ffmpeg", ".part");
                Files.copy(bundled, part, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target.toString();
    }

    /** A 2 s MP4 clip (160x120 test pattern), with a sine tone as its audio track when {@code withAudio}. */
    static Path clip(Path dir, boolean withAudio) {
        Path clip = dir.resolve(withAudio ? "clip.mp4" : "silent.mp4");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc=duration=2:size=160x120:rate=10"));
        if (withAudio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=duration=2", "-shortest"));
        }
        args.addAll(List.of("-pix_fmt", "yuv420p", clip.toString()));
        Result result = run(args);
        if (result.exit() != 0) {
            throw new IllegalStateException("ffmpeg could not make a test clip: " + result.stderr());
        }
        return clip;
    }

    /** The duration ffmpeg reads from a media file, in seconds. */
    static double duration(Path file) {
        Matcher m = DURATION.matcher(run(List.of("-i", file.toString())).stderr());
        if (!m.find()) {
            throw new IllegalStateException("ffmpeg reads no duration from " + file);
        }
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(executable(), "-nostdin", "-hide_banner", "-y"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not finish: " + command);
            }
            return new Result(process.exitValue(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
