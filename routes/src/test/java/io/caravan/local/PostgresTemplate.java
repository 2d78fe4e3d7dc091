package io.caravan.local;

import java.io.IOException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A new PostgreSQL data directory starts as a copy of a cluster made once per set of binaries: initdb
 * was most of a first start of local mode (~2 s of ~2.5) and of every test context's. The template
 * lives beside the extracted binaries, named after the binaries' archive, so other binaries make their own.
 */
final class PostgresTemplate {

    /** zonky's archive for this platform; elsewhere there is no template and zonky runs initdb itself. */
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    /** What a stopped cluster should not carry into a copy. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "epg-lock");

    private PostgresTemplate() {
    }

    static EmbeddedPostgres.Builder builder(Path pgBinaries, Path pgData) throws IOException {
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(pgBinaries.toFile())
                .setPort(EmbeddedServers.freePort())
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1");
    }

    /** Fills {@code pgData} from the template unless it already holds a cluster. */
    static void copyInto(Path pgData, Path pgBinaries) throws IOException {
        if (Files.exists(pgData.resolve("postgresql.conf"))) {
            return;
        }
        URL archive = PostgresTemplate.class.getResource(ARCHIVE);
        if (archive == null) {
            return;
        }
        Path template = pgBinaries.resolve("template-" + Integer.toHexString(archive.toString().hashCode()));
        if (!Files.exists(template.resolve("postgresql.conf"))) {
            make(template, pgBinaries);
        }
        copy(template, pgData);
    }

    /** initdb by zonky (a start and a stop), in a directory of its own, then renamed: a half-made template is never used. */
    private static void make(Path template, Path pgBinaries) throws IOException {
        Path making = Files.createTempDirectory(pgBinaries, "making-template-");
        try (EmbeddedPostgres once = builder(pgBinaries, making).start()) {
            // initdb ran; the stop at close leaves a clean cluster
        }
        try {
            Files.move(making, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException madeMeanwhile) {
            EmbeddedServers.deleteRecursively(making);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                if (NOT_COPIED.contains(source.getFileName().toString())) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // PostgreSQL refuses a data directory others may read
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }
}
