package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/: no Docker engine runs here, so the compose file, the edge's nginx configuration, the
 * Dockerfile and the build context are checked statically against the runtime contract. Each check is
 * shown to fail on a broken input.
 */
class ComposeAndImageTest {

    private static final String IMAGE = "caravan:${CARAVAN_TAG:-local}";
    /** The compose service of each server. */
    private static final Map<RuntimeContract.Server, String> SERVERS = Map.of(
            RuntimeContract.Server.REDIS, "redis", RuntimeContract.Server.RABBITMQ, "rabbitmq",
            RuntimeContract.Server.POSTGRES, "postgres", RuntimeContract.Server.MONGODB, "mongo",
            RuntimeContract.Server.SMTP, "mailpit");
    private static final Pattern HOST = Pattern.compile("^[a-z]+://(?:[^@/]*@)?([a-z0-9-]+)[:/]");

    @Test
    void composeRunsEveryServiceFromTheOneImageWithExactlyItsVariablesOnHealthyServers() {
        assertThat(problems(compose())).isEmpty();
    }

    @Test
    void everySettingComposeReadsFromDotEnvIsInTheExampleWithPlaceholderSecrets() {
        Map<String, String> example = new LinkedHashMap<>();
        Repository.read(Repository.path("docker", ".env.example")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> example.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+)(:\\?[^}]*)?}").matcher(Repository.read(Repository.path("docker", "compose.yaml")));
        while (required.find()) {
            assertThat(example).as("docker/.env.example defines " + required.group(1)).containsKey(required.group(1));
        }
        example.forEach((key, value) -> {
            if (key.contains("PASSWORD")) {
                assertThat(value).as(key).isEqualTo("REPLACE_ME");
            }
        });
        assertThat(Repository.read(Repository.path(".gitignore")).lines())
                .contains("docker/.env", "docker/secrets/", "k8s/base/platform/secrets/*");
    }

    @Test
    void theEdgeRoutesThePublicPathsAsTheIngressDoes() {
        String nginx = Repository.read(Repository.path("docker", "nginx.conf"));
        Map<String, List<String>> routes = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("~\\^/\\(?([^()]+?)\\)?\\(/\\|\\$\\)\\s+([a-z]+);").matcher(nginx);
        while (entry.find()) {
            List<String> paths = new ArrayList<>();
            for (String path : entry.group(1).split("\\|")) {
                paths.add("/" + path.replace("\\.", "."));
            }
            routes.put(entry.group(2), paths);
        }
        Map<String, List<String>> wanted = new LinkedHashMap<>(RuntimeContract.PUBLIC_PATHS);
        wanted.remove("gateway"); // the default: the web UI, GraphQL, Swagger UI and everything else
        assertThat(routes).isEqualTo(wanted);
        assertThat(nginx).containsPattern("\\bdefault\\s+gateway;");
        assertThat(nginx).containsPattern("location ~ \\^/\\(upload\\|api/v1/media\\|download\\)\\(/\\|\\$\\) \\{\\s+client_max_body_size 2g;");
    }

    @Test
    void theImageIsBuiltWithTheWrapperAndRunsAsANonRootUserWithAHealthCheckOnTheManagementPort() {
        String dockerfile = Repository.read(Repository.path("docker", "Dockerfile"));

        assertThat(dockerfile)
                .containsPattern("(?m)^FROM eclipse-temurin:17-jdk\\S* AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre\\S*$")
                .contains("./mvnw -B -ntp -pl routes -am package -DskipTests")
                .contains("-Djarmode=tools -jar /build/caravan.jar extract --layers --launcher")
                .containsPattern("apt-get install -y --no-install-recommends ffmpeg curl")
                .containsPattern("(?m)^USER 10001:10001$")
                .containsPattern("(?m)^EXPOSE 8080 9876$")
                .contains("-XX:MaxRAMPercentage=", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError")
                .containsPattern("(?s)HEALTHCHECK .*curl -fsS -o /dev/null http://localhost:9876/observe/health/live")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]$");
        assertThat(dockerfile.indexOf("COPY routes/pom.xml")).as("the poms before the sources: dependencies cached")
                .isLessThan(dockerfile.indexOf("COPY routes/src"));
    }

    @Test
    void theBuildContextHoldsOnlyTheWrapperThePomsAndTheSources() {
        List<String> rules = Repository.read(Repository.path(".dockerignore")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        assertThat(rules.get(0)).as("everything out first").isEqualTo("*");
        assertThat(rules).contains("!mvnw", "!pom.xml", "!.mvn/", "!routes/src/", "!redis-stream/src/", "**/target/");
        assertThat(rules).filteredOn(r -> r.startsWith("!")).noneMatch(r -> r.contains("docker") || r.contains("k8s") || r.contains(".env"));
    }

    // --- the checks can fail ----------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theComposeChecksRejectAMissingVariableALiteralPasswordAndAMissingDependency() {
        Map<String, Object> compose = compose();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        ((Map<String, Object>) ((Map<String, Object>) services.get("events")).get("environment")).remove("CARAVAN_SERVICES");
        ((Map<String, Object>) ((Map<String, Object>) services.get("identity")).get("environment")).put("CARAVAN_POSTGRES_PASSWORD", "hunter2");
        ((Map<String, Object>) ((Map<String, Object>) services.get("media")).get("depends_on")).remove("mongo");
        ((Map<String, Object>) ((Map<String, Object>) services.get("converter")).get("deploy")).put("replicas", 1);

        assertThat(problems(compose)).contains(
                "events: expected the variable CARAVAN_SERVICES",
                "identity: expected CARAVAN_POSTGRES_PASSWORD from docker/.env, not a literal",
                "media: expected to wait for a healthy mongo",
                "converter: expected two replicas");
    }

    // --- the checks ----------------------------------------------------------------------------------------

    private static Map<String, Object> compose() {
        return new Yaml().load(Repository.read(Repository.path("docker", "compose.yaml"))); // resolves the << merges
    }

    @SuppressWarnings("unchecked")
    private static List<String> problems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String server : SERVERS.values()) {
            Map<String, Object> service = services.get(server);
            expect(problems, server, "a server with a health check", service != null && service.containsKey("healthcheck"));
        }
        expect(problems, "rabbitmq", "the management plugin", String.valueOf(services.get("rabbitmq").get("image")).contains("management"));
        for (String name : RuntimeContract.SERVICES) {
            Map<String, Object> service = services.get(name);
            if (service == null) {
                problems.add("no compose service " + name);
                continue;
            }
            Map<String, Object> build = (Map<String, Object>) service.getOrDefault("build", Map.of());
            expect(problems, name, "the one image " + IMAGE + " built from docker/Dockerfile", IMAGE.equals(service.get("image"))
                    && "..".equals(build.get("context")) && "docker/Dockerfile".equals(build.get("dockerfile")));
            Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            Set<String> wanted = RuntimeContract.variables(name);
            wanted.forEach(v -> expect(problems, name, "the variable " + v, env.containsKey(v)));
            env.keySet().stream().filter(v -> !wanted.contains(v) && !(v.equals(RuntimeContract.JVM_OPTIONS) && name.equals("converter")))
                    .forEach(v -> problems.add(name + ": a variable its service does not need: " + v));
            expect(problems, name, "CARAVAN_SERVICES=" + name, name.equals(env.get("CARAVAN_SERVICES")));
            env.forEach((key, value) -> {
                String text = String.valueOf(value);
                if ((key.contains("PASSWORD") || key.contains("USERNAME") || text.contains("@")) && !text.contains("${")) {
                    problems.add(name + ": expected " + key + " from docker/.env, not a literal");
                }
                Matcher host = HOST.matcher(text);
                if (host.find()) {
                    expect(problems, name, key + " on a compose service (" + host.group(1) + ")", services.containsKey(host.group(1)));
                }
            });
            Map<String, Object> dependsOn = (Map<String, Object>) service.getOrDefault("depends_on", Map.of());
            for (RuntimeContract.Server server : RuntimeContract.NEEDS.get(name)) {
                Object condition = dependsOn.get(SERVERS.get(server));
                expect(problems, name, "to wait for a healthy " + SERVERS.get(server),
                        condition instanceof Map<?, ?> c && "service_healthy".equals(c.get("condition")));
            }
            Map<String, Object> health = (Map<String, Object>) service.getOrDefault("healthcheck", Map.of());
            expect(problems, name, "a health check on " + RuntimeContract.MANAGEMENT_PORT,
                    String.valueOf(health.get("test")).contains("localhost:" + RuntimeContract.MANAGEMENT_PORT + "/observe/health/"));
            expect(problems, name, "a read-only root filesystem", Boolean.TRUE.equals(service.get("read_only")));
        }
        Map<String, Object> converter = services.get("converter");
        if (converter != null) {
            Map<String, Object> deploy = (Map<String, Object>) converter.getOrDefault("deploy", Map.of());
            expect(problems, "converter", "two replicas", Integer.valueOf(2).equals(deploy.get("replicas")));
        }
        Map<String, Object> identity = services.get("identity");
        if (identity != null) {
            Map<String, Object> env = (Map<String, Object>) identity.get("environment");
            expect(problems, "identity", "the JWT key as the compose secret jwt-signing-key",
                    List.of("jwt-signing-key").equals(identity.get("secrets"))
                            && "/run/secrets/jwt-signing-key".equals(env.get("CARAVAN_IDENTITY_JWT_KEYFILE")));
        }
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose.getOrDefault("secrets", Map.of());
        expect(problems, "secrets", "jwt-signing-key from docker/secrets/ (not committed)", secrets.containsKey("jwt-signing-key")
                && String.valueOf(secrets.get("jwt-signing-key").get("file")).startsWith("./secrets/"));
        return problems;
    }

    private static void expect(List<String> problems, String what, String expectation, boolean met) {
        if (!met) {
            problems.add(what + ": expected " + expectation);
        }
    }
}
