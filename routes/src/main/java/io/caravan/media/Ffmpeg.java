package io.caravan.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where ffmpeg is, and the argument list of a conversion. The binary is {@code caravan.media.converter.ffmpeg}
 * when set, else {@code ffmpeg} on PATH, else the static build of a {@code jave-nativebin} jar on the
 * classpath (local mode's fallback), extracted once.
 */
@Component
@ConditionalOnService(CaravanService.MEDIA)
public class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final String JAVE_RESOURCE = "/ws/schild/jave/nativebin/ffmpeg-amd64";

    private final String executable;

    Ffmpeg(MediaProperties properties) throws IOException {
        this.executable = locate(properties.converter().ffmpeg());
        LOG.info("Converting with {}", executable);
    }

    public String executable() {
        return executable;
    }

    /**
     * MP3 of the first audio stream, nothing read from stdin, errors only on stderr; a file without an
     * audio stream fails ("matches no streams") instead of producing an empty MP3.
     */
    public List<String> toMp3(Path video, Path mp3) {
        return List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-y",
                "-i", video.toString(), "-map", "0:a:0", "-vn", "-codec:a", "libmp3lame", "-q:a", "4", mp3.toString());
    }

    private static String locate(String configured) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        try (InputStream bundled = Ffmpeg.class.getResourceAsStream(JAVE_RESOURCE)) {
            if (bundled == null) {
                throw new IllegalStateException("ffmpeg is not on PATH and no jave-nativebin jar is on the classpath;"
                        + " install ffmpeg or set caravan.media.converter.ffmpeg");
            }
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "caravan-ffmpeg", "ffmpeg-amd64-jave-3.5.0");
            if (!Files.isExecutable(target)) {
                Files.createDirectories(target.getParent());
                Path part = Files.createTempFile(target.getParent(), "ffmpeg", ".part");
                Files.copy(bundled, part, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target.toString();
        }
    }
}
