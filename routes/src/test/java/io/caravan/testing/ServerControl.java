package io.caravan.testing;

import java.util.concurrent.TimeUnit;

import io.caravan.local.EmbeddedServers;

/**
 * Stops and starts a server the application uses, for the robustness tests: the embedded one in
 * local mode; in external mode the machine's real one, through the commands in
 * {@code CARAVAN_TEST_<NAME>_STOP_CMD} / {@code CARAVAN_TEST_<NAME>_START_CMD} (set by .ci/run).
 */
public interface ServerControl {

    void stop() throws Exception;

    void start() throws Exception;

    /** Redis: embedded when the run embeds it, else the CI's commands; null when neither. */
    static ServerControl redis(EmbeddedServers embedded) {
        if (embedded != null && embedded.properties().containsKey("caravan.redis.url")) {
            return of(embedded::stopRedis, embedded::startRedis);
        }
        return external("REDIS");
    }

    /** The AMQP broker: embedded when the run embeds it, else the CI's commands; null when neither. */
    static ServerControl rabbitmq(EmbeddedServers embedded) {
        if (embedded != null && embedded.properties().containsKey("caravan.rabbitmq.url")) {
            return of(embedded::stopBroker, embedded::startBroker);
        }
        return external("RABBITMQ");
    }

    interface Action {
        void run() throws Exception;
    }

    private static ServerControl of(Action stop, Action start) {
        return new ServerControl() {
            @Override
            public void stop() throws Exception {
                stop.run();
            }

            @Override
            public void start() throws Exception {
                start.run();
            }
        };
    }

    private static ServerControl external(String name) {
        String stop = System.getenv("CARAVAN_TEST_" + name + "_STOP_CMD");
        String start = System.getenv("CARAVAN_TEST_" + name + "_START_CMD");
        if (stop == null || start == null) {
            return null;
        }
        return of(() -> run(stop), () -> run(start));
    }

    private static void run(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + command + "' failed");
        }
    }
}
