package io.caravan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * The Redis of the deployment tests: {@code CARAVAN_REDIS_URL} when set (CI's external pass, the
 * machine's real Redis), else a redis-server on a free loopback port, started once for the whole run
 * and stopped at its end.
 */
final class TestRedis implements BeforeAllCallback {

    private static volatile String url;
    private static volatile RedisClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestRedis.class, k -> start(), Server.class);
    }

    /** The URL of the run's Redis, {@code redis://host:port}. */
    static String url() {
        if (url == null) {
            throw new IllegalStateException("register the TestRedis extension");
        }
        return url;
    }

    /** The run's Redis as Kamelet endpoint options: {@code redisHost=...&redisPort=...}. */
    static String kameletProperties() {
        return kameletPropertyMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** The run's Redis as the Kamelets' properties redisHost, redisPort (and redisPassword when it has one). */
    static Map<String, Object> kameletPropertyMap() {
        URI uri = URI.create(url());
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("redisHost", uri.getHost(), "redisPort", uri.getPort()));
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            properties.put("redisPassword", uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1));
        }
        return properties;
    }

    /** A client connection for the test's own checks (pending counts, stream contents). */
    static StatefulRedisConnection<String, String> connect() {
        return client.connect();
    }

    private static Server start() {
        Server server = startServer();
        client = RedisClient.create(url);
        return () -> {
            client.shutdown();
            server.close();
        };
    }

    private static Server startServer() {
        String external = System.getenv("CARAVAN_REDIS_URL");
        if (external != null && !external.isBlank()) {
            url = external;
            return () -> { };
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "redis").toAbsolutePath());
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("dir " + dir).setting("save \"\"").setting("appendonly no").build();
            redis.start();
            url = "redis://127.0.0.1:" + port;
            return redis::stop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the client and the embedded server when the run ends. */
    private interface Server extends ExtensionContext.Store.CloseableResource {
        @Override
        void close() throws Exception;
    }
}
