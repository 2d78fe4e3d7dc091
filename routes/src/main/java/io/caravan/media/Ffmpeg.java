package io.caravan.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where ffmpeg is, and the argument list of a conversion. The binary is {@code caravan.media.converter.ffmpeg}
 * when set, else {@code ffmpeg} on PATH (local mode sets the former to a bundled static build when the
 * machine has no ffmpeg).
 */
@Component
@ConditionalOnService(CaravanService.CONVERTER)
public class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);

    private final String executable;

    Ffmpeg(MediaProperties properties) {
        this.executable = locate(properties.converter().ffmpeg());
        LOG.info("Converting with {}", executable);
    }

    public String executable() {
        return executable;
    }

    /**
     * MP3 of the first audio stream of {@code video} (a file, or {@code pipe:0}: the stdin), errors only on
     * stderr; a file without an audio stream fails ("matches no streams") instead of producing an empty MP3.
     */
    public List<String> toMp3(String video, Path mp3) {
        // -nostdin only when stdin is not the input: ffmpeg must not read keystrokes from it
        List<String> args = new java.util.ArrayList<>(video.equals("pipe:0") ? List.of() : List.of("-nostdin"));
        args.addAll(List.of("-hide_banner", "-loglevel", "error", "-nostats", "-y",
                "-i", video, "-map", "0:a:0", "-vn", "-codec:a", "libmp3lame", "-q:a", "4", mp3.toString()));
        return args;
    }

    private static String locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("ffmpeg is not on PATH; install it (Debian: apt-get install ffmpeg) or set caravan.media.converter.ffmpeg");
    }
}
