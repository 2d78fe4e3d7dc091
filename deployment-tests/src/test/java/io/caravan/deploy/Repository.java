package io.caravan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's files, as the deployment tests read them (the build passes its root in {@code caravan.repository}). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("caravan.repository", "..")).toAbsolutePath().normalize();
    }

    static Path path(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files below a folder whose names end with one of the suffixes, sorted. */
    static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
