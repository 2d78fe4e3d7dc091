package io.caravan.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.caravan.local.EmbeddedServers;

/**
 * Stops and starts the Redis server the application uses, for the robustness tests: the embedded
 * one in local mode, the machine's real one in external mode through the commands in
 * {@code CARAVAN_TEST_REDIS_STOP_CMD} / {@code CARAVAN_TEST_REDIS_START_CMD} (set by .ci/run).
 */
public interface RedisControl {

    void stop() throws Exception;

    void start() throws Exception;

    static RedisControl of(EmbeddedServers embedded, boolean redisEmbedded) {
        if (embedded != null && redisEmbedded) {
            return new RedisControl() {
                @Override
                public void stop() throws IOException {
                    embedded.stopRedis();
                }

                @Override
                public void start() throws IOException {
                    embedded.startRedis();
                }
            };
        }
        String stop = System.getenv("CARAVAN_TEST_REDIS_STOP_CMD");
        String start = System.getenv("CARAVAN_TEST_REDIS_START_CMD");
        if (stop == null || start == null) {
            return null;
        }
        return new RedisControl() {
            @Override
            public void stop() throws Exception {
                run(stop);
            }

            @Override
            public void start() throws Exception {
                run(start);
            }
        };
    }

    private static void run(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + command + "' failed");
        }
    }
}
