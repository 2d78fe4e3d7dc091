package io.caravan.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import io.caravan.split.ServiceProcesses.Service;
import io.caravan.testing.MongoServerProcess;
import io.caravan.testing.TestMedia;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The proof that Caravan's services meet only at endpoints: the production jar runs as one process per
 * service (two converters), each with its Kubernetes Deployment's variables, against this machine's real
 * Redis, RabbitMQ and PostgreSQL, MongoDB in a process of its own and SMTP in this one (GreenMail), and
 * the workflows run across them. Not part of the suite: {@code ./mvnw -pl routes -am verify -Psplit-proof}
 * (docs/testing.md); {@code .ci/run} runs it after its second pass. Servers elsewhere:
 * {@code CARAVAN_SPLIT_REDIS_URL}, {@code CARAVAN_SPLIT_RABBITMQ_URL}, {@code CARAVAN_SPLIT_POSTGRES_URL}
 * (a server URL without database; user {@code CARAVAN_SPLIT_POSTGRES_USERNAME}, default postgres).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitProcessProof {

    private static final Path RUN = Path.of("target", "split-proof").toAbsolutePath();
    private static final Path MANIFESTS = Path.of("..", "k8s", "base", "services").toAbsolutePath().normalize();
    private static final String DATABASE = "caravan_split";
    private static final List<String> STREAMS = List.of("NotificationStream", "order_placed", "order_completed", "stock_taken",
            "refund_order", "product_events", "order_events");
    private static final List<String> QUEUES = List.of("video", "audio", "video.dead-letter", "audio.dead-letter",
            "queue_user_registered", "queue_user_profile_updated", "queue_user_events.dead-letter");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String redisUrl = setting("CARAVAN_SPLIT_REDIS_URL", "redis://127.0.0.1:6379");
    private final String rabbitUrl = setting("CARAVAN_SPLIT_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672");
    private final String postgresServer = setting("CARAVAN_SPLIT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432");
    private final String postgresUser = setting("CARAVAN_SPLIT_POSTGRES_USERNAME", "postgres");
    private final String postgresPassword = setting("CARAVAN_SPLIT_POSTGRES_PASSWORD", "");
    private final String adminEmail = "admin@split.test";
    private final String adminPassword = UUID.randomUUID().toString();

    private ServiceProcesses processes;
    private MongoServerProcess mongoServer;
    private MongoClient mongo;
    private GreenMail smtp;
    private final Map<String, Service> services = new HashMap<>();
    private final List<Service> converters = new ArrayList<>();
    /** product, order and buyer's token of the saga test, read back through the gateway. */
    private String[] placed;

    // --- the platform, one process per service --------------------------------------------------------------

    @BeforeAll
    void startEveryServiceAsItsOwnProcess() throws Exception {
        long t0 = System.nanoTime();
        Path jar = productionJar();
        deleteRecursively(RUN);
        Files.createDirectories(RUN);
        say("production jar %s; run directory %s", jar.getFileName(), RUN);
        freshServers();

        mongoServer = MongoServerProcess.start(Files.createDirectories(RUN.resolve("mongodb")).resolve("caravan.mv"));
        processes = new ServiceProcesses(jar, RUN, MANIFESTS);
        processes.adopt("mongodb", mongoServer.process());
        mongo = MongoClients.create(mongoServer.uri());
        int smtpPort = ServiceProcesses.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        say("MongoDB (mongo-java-server) in its own JVM at %s; SMTP (GreenMail) in this JVM on :%d", mongoServer.uri(), smtpPort);

        Map<String, String> values = new HashMap<>();
        values.put("CARAVAN_MANAGEMENT_USERNAME", "split-operator");
        values.put("CARAVAN_MANAGEMENT_PASSWORD", UUID.randomUUID().toString());
        values.put("CARAVAN_REDIS_URL", redisUrl);
        values.put("CARAVAN_RABBITMQ_URL", rabbitUrl);
        values.put("CARAVAN_RABBITMQ_QUEUE_TYPE", "classic");
        values.put("CARAVAN_POSTGRES_URL", postgresServer + "/" + DATABASE);
        values.put("CARAVAN_POSTGRES_USERNAME", postgresUser);
        values.put("CARAVAN_POSTGRES_PASSWORD", postgresPassword);
        values.put("CARAVAN_MONGODB_URI", mongoServer.uri());
        values.put("CARAVAN_SMTP_HOST", "127.0.0.1");
        values.put("CARAVAN_SMTP_PORT", Integer.toString(smtpPort));
        values.put("CARAVAN_SMTP_USERNAME", "caravan");
        values.put("CARAVAN_SMTP_PASSWORD", "any");
        values.put("CARAVAN_IDENTITY_JWT_KEYFILE", signingKey().toString());
        values.put("CARAVAN_IDENTITY_ADMIN_EMAIL", adminEmail);
        values.put("CARAVAN_IDENTITY_ADMIN_PASSWORD", adminPassword);

        // identity and catalog first: the others' settings name their addresses (all start at once anyway)
        start("identity", "identity", values);
        values.put("CARAVAN_SECURITY_JWKS_URL", services.get("identity").uri("/.well-known/jwks.json").toString());
        start("catalog", "catalog", values);
        values.put("CARAVAN_ORDERS_CATALOG_URL", services.get("catalog").uri("").toString());
        for (String name : List.of("events", "media", "notification", "orders")) {
            start(name, name, values);
        }
        converters.add(start("converter-1", "converter", values));
        converters.add(start("converter-2", "converter", values));
        for (String service : List.of("identity", "catalog", "orders", "media", "events", "notification")) {
            values.put("CARAVAN_GATEWAY_" + service.toUpperCase() + "_URL", services.get(service).uri("").toString());
        }
        start("gateway", "gateway", values);
        processes.awaitReady(Duration.ofSeconds(240)); // ten JVMs starting at once on two cores: ~1.5 min alone, more on a busy machine
        say("%d service processes ready in %d s, running %s", services.size(), (System.nanoTime() - t0) / 1_000_000_000,
                ServiceProcesses.javaBinary());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (mongo != null) {
            mongo.close();
        }
        if (processes != null) {
            processes.close(); // the services and the MongoDB server
        } else if (mongoServer != null) {
            mongoServer.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        dropDatabase();
        deleteRecursively(RUN);
        say("every process stopped; %s removed", RUN);
    }

    // --- the workflows, across the processes -----------------------------------------------------------------

    @Test
    @Order(1)
    void everyProcessRunsOneServiceWithItsDeploymentsVariables() throws Exception {
        for (Service service : services.values()) {
            assertThat(service.logText()).as(service.name()).contains("Services [" + service.deployment().toUpperCase() + "]");
        }
        say("each process runs only its service, configured by the variables of k8s/base/services/<service>.yaml");
    }

    @Test
    @Order(2)
    void registerLoginUploadConvertEmailDownload() throws Exception {
        String email = "split-" + UUID.randomUUID() + "@example.com";
        String token = account(email);
        say("identity: registered and logged in %s", email);

        String job = upload(token, TestMedia.clip(ffmpeg(), RUN.resolve("short.mp4"), 3, true, 10));
        say("media: uploaded a 3 s clip, job %s", job);
        awaitStatus(token, job, "ready", Duration.ofSeconds(90));
        Service converter = converters.stream().filter(c -> logged(c, "Job " + job + " converting")).findFirst().orElseThrow();
        say("%s: converted it", converter.name());

        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).stream().findFirst().orElse(null), m -> m != null);
        assertThat(mail.getSubject()).contains("ready");
        say("notification: emailed %s \"%s\"", email, mail.getSubject());

        HttpResponse<byte[]> audio = HTTP.send(HttpRequest.newBuilder(services.get("media").uri("/api/v1/media/" + job + "/audio"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(audio.body().length).isGreaterThan(10_000);
        assertThat(isMp3(audio.body())).as("an MP3 (ID3 tag or MPEG frame sync)").isTrue();
        say("media: downloaded the MP3, %d bytes", audio.body().length);

        JsonNode notifications = getJson(services.get("notification"), "/api/v1/notifications", token);
        assertThat(notifications.toString()).contains(job);
        say("notification: the in-app notification is listed");
    }

    @Test
    @Order(3)
    void anOrderCompletesThroughTheSagaAcrossCatalogAndOrders() throws Exception {
        String admin = login(adminEmail, adminPassword);
        HttpResponse<String> product = post(services.get("catalog"), "/products", "{\"name\":\"split-" + UUID.randomUUID()
                + "\",\"price\":12.5,\"quantity\":5}", admin);
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        String productId = JSON.readTree(product.body()).get("pk").asText();
        say("catalog: the administrator (token from identity) created product %s, stock 5", productId);

        String token = account("buyer-" + UUID.randomUUID() + "@example.com");
        HttpResponse<String> order = post(services.get("orders"), "/orders", "{\"product_id\":\"" + productId + "\",\"quantity\":2}", token);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String orderId = JSON.readTree(order.body()).get("pk").asText();
        say("orders: placed order %s (pending), priced from the catalog over HTTP", orderId);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> getJson(services.get("orders"), "/orders/" + orderId, token).path("status").asText(), "completed"::equals);
        assertThat(getJson(services.get("catalog"), "/products/" + productId, null).path("stock").asInt()).isEqualTo(3);
        say("orders + catalog: the saga over Redis streams completed the order; stock 5 -> 3");
        placed = new String[] {productId, orderId, token};
    }

    @Test
    @Order(4)
    void theGatewayAnswersFromEveryServiceItCalls() throws Exception {
        assertThat(placed).as("the order of the saga test").isNotNull();
        String productId = placed[0];
        String orderId = placed[1];
        String token = placed[2];
        JsonNode login = graphql("mutation { loginUser(input: { email: \"" + adminEmail + "\", password: \"" + adminPassword
                + "\" }) { accessToken } }", null);
        assertThat(login.path("data").path("loginUser").path("accessToken").asText()).as(login.toString()).isNotEmpty();
        say("gateway -> identity: loginUser gave the administrator a token");

        JsonNode product = graphql("{ product(id: \"" + productId + "\") { id stock price } }", null);
        assertThat(product.path("data").path("product").path("stock").asInt()).as(product.toString()).isEqualTo(3);
        assertThat(product.path("data").path("product").path("price").asDouble()).isEqualTo(12.5);
        say("gateway -> catalog: product %s, stock 3 after the order", productId);

        JsonNode order = graphql("{ order(id: \"" + orderId + "\") { id status items { productId quantity } } }", token);
        assertThat(order.path("data").path("order").path("status").asText()).as(order.toString()).isEqualTo("completed");
        assertThat(order.path("data").path("order").path("items").get(0).path("productId").asText()).isEqualTo(productId);
        say("gateway -> orders: order %s completed, read with the buyer's token", orderId);

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(services.get("gateway").uri("/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        say("gateway: the web UI served at /");
    }

    @Test
    @Order(5)
    void anEventIsPostedAndConsumed() throws Exception {
        String description = "split-" + UUID.randomUUID();
        HttpResponse<String> posted = post(services.get("events"), "/event", "{\"description\":\"" + description + "\"}", null);
        assertThat(posted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> logged(services.get("events"), "description=\"" + description + "\""));
        say("events: POST /event 200, the consumer group logged it");
    }

    @Test
    @Order(6)
    void aConverterKilledMidJobLeavesItToTheOtherWhichFinishesItExactlyOnce() throws Exception {
        String email = "kill-" + UUID.randomUUID() + "@example.com";
        String token = account(email);
        // a long sound track: ffmpeg needs seconds for it, long enough to kill its converter mid-job
        String job = upload(token, TestMedia.clip(ffmpeg(), RUN.resolve("long.mp4"), 900, true, 1));
        Service victim = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> converters.stream().filter(c -> logged(c, "Job " + job + " converting")).findFirst().orElse(null), c -> c != null);
        ServiceProcesses.kill(victim);
        String statusAtKill = getJson(services.get("media"), "/api/v1/media/" + job, token).path("status").asText();
        say("%s started job %s and was killed (SIGKILL, ffmpeg too); the job was %s", victim.name(), job, statusAtKill);
        assertThat(statusAtKill).as("killed while it held the job, before it finished").isIn("queued", "converting");

        Service survivor = converters.stream().filter(c -> c != victim).findFirst().orElseThrow();
        awaitStatus(token, job, "ready", Duration.ofSeconds(120));
        assertThat(logged(survivor, "Job " + job + " converting")).as(survivor.name() + " took the job over").isTrue();
        say("%s took the redelivered job over and finished it", survivor.name());

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() >= 1);
        await().atMost(Duration.ofSeconds(30)).until(this::queuesDrained);
        assertThat(GridFSBuckets.create(mongo.getDatabase("caravan_media"), "audio").find(Filters.eq("metadata.jobId", job))
                .into(new ArrayList<>())).as("MP3s of the job in GridFS").hasSize(1);
        assertThat(mailsTo(email)).as("emails of the job").hasSize(1);
        assertThat(getJson(services.get("notification"), "/api/v1/notifications", token)).as("in-app notifications").hasSize(1);
        say("exactly once: one MP3 in GridFS, one email, one notification for job %s", job);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Service start(String name, String deployment, Map<String, String> values) throws Exception {
        Service service = processes.start(name, deployment, values);
        services.put(name, service);
        return service;
    }

    private String account(String email) throws Exception {
        HttpResponse<String> registered = post(services.get("identity"), "/api/v1/auth/register",
                JSON.writeValueAsString(Map.of("name", "Split", "email", email, "password", "correct horse battery")), null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, "correct horse battery");
    }

    private String login(String email, String password) throws Exception {
        HttpResponse<String> login = post(services.get("identity"), "/api/v1/auth/login",
                JSON.writeValueAsString(Map.of("email", email, "password", password)), null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JSON.readTree(login.body()).get("accessToken").asText();
    }

    private String upload(String token, Path clip) throws Exception {
        HttpResponse<String> upload = TestMedia.upload(HTTP, services.get("media").uri("/api/v1/media"), token, clip);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        return JSON.readTree(upload.body()).get("id").asText();
    }

    private void awaitStatus(String token, String job, String status, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(
                () -> getJson(services.get("media"), "/api/v1/media/" + job, token).path("status").asText(), status::equals);
    }

    private HttpResponse<String> post(Service service, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode graphql(String query, String token) throws Exception {
        HttpResponse<String> response = post(services.get("gateway"), "/graphql", JSON.writeValueAsString(Map.of("query", query)), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode getJson(Service service, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                if (recipient.toString().contains(address)) {
                    mails.add(message);
                }
            }
        }
        return mails;
    }

    /** No job or outcome message waits any more: the converter and notification have handled everything. */
    private boolean queuesDrained() {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(rabbitUrl));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            return Stream.of("video", "audio").allMatch(q -> {
                var info = admin.getQueueProperties(q);
                return info != null && ((Integer) info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)) == 0;
            });
        } finally {
            connections.destroy();
        }
    }

    private static boolean logged(Service service, String text) {
        try {
            return service.logText().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isMp3(byte[] bytes) {
        return (bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3') || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0);
    }

    /** A fresh database, and no stream, cache key or queue left by an earlier run. */
    private void freshServers() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgresServer + "/postgres", postgresUser, postgresPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        RedisClient redis = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            for (String stream : STREAMS) {
                connection.sync().del(stream, stream + ":dead-letter", stream + ":feed");
            }
            connection.sync().scan(ScanArgs.Builder.matches("caravan:cache:*").limit(10_000)).getKeys()
                    .forEach(key -> connection.sync().del(key));
        } finally {
            redis.shutdown();
        }
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(rabbitUrl));
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            QUEUES.forEach(admin::deleteQueue);
        } finally {
            connections.destroy();
        }
        say("fresh PostgreSQL database %s, streams and queues of earlier runs removed", DATABASE);
    }

    private void dropDatabase() {
        try (Connection connection = DriverManager.getConnection(postgresServer + "/postgres", postgresUser, postgresPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (Exception e) {
            say("could not drop %s: %s", DATABASE, e.getMessage());
        }
    }

    /** identity's signing key, as the Secret caravan-identity-jwt holds it. */
    private static Path signingKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(RUN.resolve("jwt-signing-key.pem"), pem);
    }

    private static Path productionJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("caravan-routes-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no production jar in routes/target: ./mvnw -pl routes -am package -DskipTests"))
                    .toAbsolutePath();
        }
    }

    private static String ffmpeg() {
        return "ffmpeg"; // from PATH, as the converter processes take it (the CI machine installs Debian's)
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[split-proof] " + format + "%n", args);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
