package io.caravan.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime contract every deployment of Caravan implements (compose, Kubernetes, Camel K): the
 * services, the variables each one gets (and only those), the ports, the probe paths, the public paths.
 */
final class RuntimeContract {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9876;
    static final String LIVENESS_PATH = "/observe/health/live";
    static final String READINESS_PATH = "/observe/health/ready";
    static final String METRICS_PATH = "/observe/metrics";
    static final long RUN_AS_USER = 10001;

    /** Every value of CARAVAN_SERVICES a deployment runs, in the order of the docs. */
    static final List<String> SERVICES = List.of("events", "identity", "media", "converter", "notification", "catalog", "orders", "gateway");

    /** The servers, each with the variables that connect a service to it. */
    enum Server {
        REDIS("CARAVAN_REDIS_URL"),
        RABBITMQ("CARAVAN_RABBITMQ_URL", "CARAVAN_RABBITMQ_QUEUE_TYPE"),
        POSTGRES("CARAVAN_POSTGRES_URL", "CARAVAN_POSTGRES_USERNAME", "CARAVAN_POSTGRES_PASSWORD"),
        MONGODB("CARAVAN_MONGODB_URI"),
        SMTP("CARAVAN_SMTP_HOST", "CARAVAN_SMTP_PORT", "CARAVAN_SMTP_USERNAME", "CARAVAN_SMTP_PASSWORD");

        final List<String> variables;

        Server(String... variables) {
            this.variables = List.of(variables);
        }
    }

    /** The servers each service needs. */
    static final Map<String, Set<Server>> NEEDS = Map.of(
            "events", Set.of(Server.REDIS),
            "identity", Set.of(Server.POSTGRES, Server.RABBITMQ),
            "media", Set.of(Server.MONGODB, Server.RABBITMQ),
            "converter", Set.of(Server.MONGODB, Server.RABBITMQ),
            "notification", Set.of(Server.RABBITMQ, Server.SMTP, Server.POSTGRES),
            "catalog", Set.of(Server.POSTGRES, Server.REDIS),
            "orders", Set.of(Server.POSTGRES, Server.REDIS, Server.RABBITMQ),
            "gateway", Set.of(Server.REDIS));

    /**
     * Variables a Kubernetes pod defines only to build a connection URL from Secrets
     * ({@code redis://:$(REDIS_PASSWORD)@...}), with the server whose URL they build.
     */
    static final Map<String, Server> URL_PARTS = Map.of(
            "REDIS_PASSWORD", Server.REDIS,
            "RABBITMQ_USERNAME", Server.RABBITMQ,
            "RABBITMQ_PASSWORD", Server.RABBITMQ,
            "MONGODB_USERNAME", Server.MONGODB,
            "MONGODB_PASSWORD", Server.MONGODB);

    /** The converter's JVM keeps half the memory for ffmpeg: the one JVM setting a deployment may add. */
    static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    /** The public paths, by the service that serves them. */
    static final Map<String, List<String>> PUBLIC_PATHS = orderedMap(
            "events", List.of("/event", "/api/v1/events"),
            "identity", List.of("/api/v1/auth", "/api/v1/users", "/.well-known", "/login", "/validate", "/v1/auth", "/v1/user"),
            "media", List.of("/upload", "/api/v1/media", "/download"),
            "notification", List.of("/api/v1/notifications"),
            "catalog", List.of("/products", "/v1/product"),
            "orders", List.of("/orders", "/v1/orders"),
            "gateway", List.of("/graphql", "/docs", "/api-doc", "/"));

    private RuntimeContract() {
    }

    /** Exactly the variables of the contract a service gets (URL parts and JVM options aside). */
    static Set<String> variables(String service) {
        Set<String> variables = new LinkedHashSet<>(List.of("CARAVAN_SERVICES", "CARAVAN_MANAGEMENT_USERNAME", "CARAVAN_MANAGEMENT_PASSWORD"));
        NEEDS.get(service).forEach(server -> variables.addAll(server.variables));
        if (!service.equals("identity") && !service.equals("converter")) {
            variables.add("CARAVAN_SECURITY_JWKS_URL"); // every service with an API verifies tokens
        }
        switch (service) {
            case "identity" -> variables.addAll(List.of("CARAVAN_IDENTITY_JWT_KEYFILE", "CARAVAN_IDENTITY_ADMIN_EMAIL", "CARAVAN_IDENTITY_ADMIN_PASSWORD"));
            case "orders" -> variables.add("CARAVAN_ORDERS_CATALOG_URL");
            case "gateway" -> List.of("identity", "catalog", "orders", "media", "events", "notification")
                    .forEach(s -> variables.add("CARAVAN_GATEWAY_" + s.toUpperCase() + "_URL"));
            default -> { }
        }
        return variables;
    }

    /** Whether a pod may define this variable beside the contract's, for the given service. */
    static boolean mayAlsoDefine(String service, String variable) {
        Server server = URL_PARTS.get(variable);
        return server != null ? NEEDS.get(service).contains(server) : variable.equals(JVM_OPTIONS) && service.equals("converter");
    }

    /** The services with an API, a Service and public paths: all but the converter. */
    static boolean hasApi(String service) {
        return !service.equals("converter");
    }

    private static Map<String, List<String>> orderedMap(Object... entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> paths = (List<String>) entries[i + 1];
            map.put((String) entries[i], paths);
        }
        return map;
    }
}
