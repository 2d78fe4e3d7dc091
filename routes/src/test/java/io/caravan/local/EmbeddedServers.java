package io.caravan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.caravan.platform.CaravanService.Infrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The infrastructure of local mode and of the tests, in-process or as child processes, each on a
 * free loopback port (never a standard one: real servers may be running there): an AMQP 0-9-1
 * broker (Qpid Broker-J), a real redis-server, real PostgreSQL binaries, a MongoDB wire-compatible
 * server (mongo-java-server, H2 store) and an SMTP server (GreenMail).
 *
 * <p>With a data directory everything but the broker's messages survives a restart; without one the
 * data lives in a temporary directory removed on {@link #close()}.
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private final Path dataDir;
    private final Path binaries;
    private final boolean temporary;
    // written by the threads that start the servers
    private final Set<Infrastructure> started = Collections.synchronizedSet(EnumSet.noneOf(Infrastructure.class));
    private final Map<String, Object> properties = Collections.synchronizedMap(new LinkedHashMap<>());

    private RedisServer redis;
    private int redisPort;
    private int brokerPort;
    private SystemLauncher qpid;
    private EmbeddedPostgres postgres;
    private MongoServer mongo;
    private H2Backend mongoBackend;
    private GreenMail smtp;

    private EmbeddedServers(Path dataDir, Path binaries, boolean temporary) {
        this.dataDir = dataDir;
        this.binaries = binaries;
        this.temporary = temporary;
    }

    /**
     * Starts the given servers; {@code dataDir == null} means temporary storage, removed on {@link #close()}.
     * {@code binaries} is where extracted server binaries are cached between runs (PostgreSQL, ffmpeg).
     */
    public static EmbeddedServers start(Set<Infrastructure> which, Path dataDir, Path binaries) {
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("caravan-embedded-") : Files.createDirectories(dataDir);
            EmbeddedServers servers = new EmbeddedServers(dir.toAbsolutePath(), binaries.toAbsolutePath(), temporary);
            // all at once, each on its own thread: PostgreSQL (~2.4 s) and the broker (~1.7 s) were most of
            // local mode's wait when started one after the other
            Map<Infrastructure, CompletableFuture<Void>> starts = new EnumMap<>(Infrastructure.class);
            for (Infrastructure infra : which) {
                starts.put(infra, CompletableFuture.runAsync(() -> servers.startLogged(infra),
                        task -> new Thread(task, "caravan-embedded-" + infra.configName()).start()));
            }
            Exception failure = null;
            for (CompletableFuture<Void> start : starts.values()) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    failure = failure != null ? failure : (e.getCause() instanceof Exception cause ? cause : e);
                }
            }
            if (failure != null) {
                servers.close();
                throw failure;
            }
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded infrastructure: " + e.getMessage(), e);
        }
    }

    /** The {@code caravan.*} connection settings that point the application at these servers. */
    public Map<String, Object> properties() {
        return properties;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void startLogged(Infrastructure infra) {
        long t0 = System.nanoTime();
        try {
            start(infra);
        } catch (Exception e) {
            throw new CompletionException(new IllegalStateException(infra.configName() + ": " + e.getMessage(), e));
        }
        LOG.info("Embedded {} started in {} ms: {}", infra.configName(), (System.nanoTime() - t0) / 1_000_000,
                InfrastructureLog.location(infra, properties));
    }

    private void start(Infrastructure infra) throws Exception {
        switch (infra) {
            case REDIS -> {
                redisPort = freePort();
                startRedis();
                properties.put("caravan.redis.url", "redis://127.0.0.1:" + redisPort);
            }
            case RABBITMQ -> {
                brokerPort = freePort();
                startBroker();
                properties.put("caravan.rabbitmq.url", "amqp://guest:guest@127.0.0.1:" + brokerPort);
            }
            case POSTGRES -> {
                Path pgData = dataDir.resolve("postgres");
                stopOrphanedPostgres(pgData);
                // zonky's default working directory is ${java.io.tmpdir}/embedded-pg, made by the builder itself
                Path pgBinaries = Files.createDirectories(binaries.resolve("postgres"));
                System.setProperty("ot.epg.working-dir", pgBinaries.toString());
                PostgresTemplate.copyInto(pgData, pgBinaries);
                // the data directory is never zonky's to clean: close() removes a temporary one with the rest
                postgres = PostgresTemplate.builder(pgBinaries, pgData)
                        .setServerConfig("fsync", temporary ? "off" : "on")
                        .setServerConfig("synchronous_commit", temporary ? "off" : "on")
                        .start();
                properties.put("caravan.postgres.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
                properties.put("caravan.postgres.username", "postgres");
                properties.put("caravan.postgres.password", "");
            }
            case MONGODB -> {
                Path store = Files.createDirectories(dataDir.resolve("mongodb")).resolve("caravan.mv");
                mongoBackend = new H2Backend(store.toString());
                mongo = new MongoServer(mongoBackend);
                int port = freePort();
                mongo.bind("127.0.0.1", port);
                properties.put("caravan.mongodb.uri", "mongodb://127.0.0.1:" + port + "/caravan");
            }
            case SMTP -> {
                int port = freePort();
                int imap = freePort();
                // IMAP too, so the mails can be read: any address is a mailbox, any password opens it
                smtp = new GreenMail(new ServerSetup[] {new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
                smtp.start();
                properties.put("caravan.smtp.host", "127.0.0.1");
                properties.put("caravan.smtp.port", port);
                LOG.info("Read local mode's mails over IMAP: curl 'imap://127.0.0.1:{}/INBOX;UID=1' --user '<address>:any'", imap);
            }
        }
        started.add(infra);
    }

    /**
     * A JVM killed with -9 leaves its postgres running (pg_ctl daemonizes it); stop it, so the data
     * directory can be used again.
     */
    private static void stopOrphanedPostgres(Path pgData) throws IOException, InterruptedException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        var process = ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isPresent()) {
            LOG.warn("Stopping postgres {} left running on {} by an earlier run", pid, pgData);
            process.get().destroy(); // SIGTERM: postgres' smart shutdown
            for (int i = 0; i < 100 && process.get().isAlive(); i++) {
                Thread.sleep(100);
            }
        }
    }

    /** (Re)starts the AMQP broker on its port (its queues live in memory: a restart empties it). */
    public synchronized void startBroker() throws Exception {
        Path work = Files.createDirectories(dataDir.resolve("qpid"));
        Map<String, Object> context = Map.of(
                "qpid.amqp_port", String.valueOf(brokerPort),
                "qpid.work_dir", work.toString(),
                // RabbitMQ-only queue arguments (x-dead-letter-*) are logged and skipped, not refused
                "queue.behaviourOnUnknownDeclareArgument", "LOG");
        Map<String, Object> attributes = Map.of(
                "type", "Memory",
                "initialConfigurationLocation", EmbeddedServers.class.getResource("/qpid-embedded.json").toExternalForm(),
                "startupLoggedToSystemOut", false,
                "context", context);
        qpid = new SystemLauncher();
        qpid.startup(attributes);
    }

    public synchronized void stopBroker() {
        if (qpid != null) {
            qpid.shutdown();
            qpid = null;
        }
    }

    /** (Re)starts redis-server on its port; tests use it with {@link #stopRedis()} to restart Redis. */
    public synchronized void startRedis() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("redis"));
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("dir " + dir)
                .setting(temporary ? "appendonly no" : "appendonly yes")
                .setting("save \"\"")
                .build();
        redis.start();
    }

    public synchronized void stopRedis() throws IOException {
        if (redis != null) {
            redis.stop();
            redis = null;
        }
    }

    /**
     * Local mode's JWT signing key: an RSA key made once and kept in the data directory, so tokens
     * stay valid across restarts (outside local mode the key is a secret the operator provides).
     */
    public Path signingKey() throws java.security.GeneralSecurityException, IOException {
        Path file = dataDir.resolve("identity").resolve("jwt-signing-key.pem");
        if (!Files.exists(file)) {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        return file;
    }

    /**
     * Local mode's ffmpeg when the machine has none on PATH: the static build of the
     * {@code jave-nativebin-linux64} test dependency, extracted once into the binaries directory.
     */
    public java.util.Optional<Path> ffmpeg() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ffmpeg"))) {
                return java.util.Optional.empty();
            }
        }
        try (java.io.InputStream bundled = EmbeddedServers.class.getResourceAsStream("/ws/schild/jave/nativebin/ffmpeg-amd64")) {
            if (bundled == null) {
                return java.util.Optional.empty();
            }
            Path target = binaries.resolve("ffmpeg").resolve("ffmpeg-amd64-jave-3.5.0");
            if (!Files.isExecutable(target)) {
                Files.createDirectories(target.getParent());
                Path part = Files.createTempFile(target.getParent(), "ffmpeg", ".part");
                Files.copy(bundled, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(part, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("No ffmpeg on PATH: local mode converts with the bundled static build {}", target);
            return java.util.Optional.of(target);
        }
    }

    /** The embedded SMTP server, to read what the platform sent; null when not started. */
    public GreenMail smtp() {
        return smtp;
    }

    @Override
    public synchronized void close() {
        stopQuietly("smtp", () -> {
            if (smtp != null) {
                smtp.stop();
            }
        });
        stopQuietly("mongodb", () -> {
            if (mongo != null) {
                mongo.shutdown();
            }
        });
        stopQuietly("postgres", () -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        stopQuietly("rabbitmq", this::stopBroker);
        stopQuietly("redis", this::stopRedis);
        if (temporary) {
            deleteRecursively(dataDir);
        }
        started.clear();
    }

    private interface Stop {
        void run() throws Exception;
    }

    private static void stopQuietly(String what, Stop stop) {
        try {
            stop.run();
        } catch (Exception e) {
            LOG.warn("Stopping embedded {} failed: {}", what, e.toString());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", dir, e.toString());
        }
    }

    /** What the log says about where a server listens (no passwords). */
    private static final class InfrastructureLog {
        static String location(Infrastructure infra, Map<String, Object> properties) {
            Object value = properties.get(infra.setting());
            String text = infra == Infrastructure.SMTP ? value + ":" + properties.get("caravan.smtp.port") : String.valueOf(value);
            return text.replaceAll("(://[^:/@]*:)[^@/]*@", "$1******@");
        }
    }

    /** A free ephemeral loopback port, far from the standard ports of the real servers. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
