package io.caravan.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.caravan.CaravanApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** External mode refuses to start when a needed setting is missing or points nowhere, and says which. */
class StartupSettingsIT {

    @Test
    void aMissingSettingIsNamedWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> start("--caravan.services=events", "--caravan.redis.url="))
                .hasMessageContaining("caravan.redis.url")
                .hasMessageContaining("CARAVAN_REDIS_URL")
                .hasMessageContaining("[events]");
    }

    @Test
    void anUnreachableServerIsNamedWithItsSetting() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        assertThatThrownBy(() -> start("--caravan.services=events", "--caravan.redis.url=redis://127.0.0.1:" + port))
                .hasMessageContaining("caravan.redis.url")
                .hasMessageContaining("unreachable at 127.0.0.1:" + port);
    }

    @Test
    void aPasswordInAFailingUrlIsNotPrinted() {
        assertThatThrownBy(() -> start("--caravan.services=identity", "--caravan.rabbitmq.url=amqp://user:s3cr3t-value@127.0.0.1:1",
                "--caravan.postgres.url=jdbc:postgresql://127.0.0.1:1/db"))
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertThatThrownBy(() -> start("--caravan.services=events,billing"))
                .hasMessageContaining("caravan.services").hasMessageContaining("billing");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--caravan.embedded.services=none";
        all[args.length + 1] = "--server.port=0";
        all[args.length + 2] = "--management.server.port=0";
        new SpringApplicationBuilder(CaravanApplication.class).run(all).close();
    }
}
