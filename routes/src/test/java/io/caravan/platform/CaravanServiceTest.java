package io.caravan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import io.caravan.platform.CaravanService.Infrastructure;
import org.junit.jupiter.api.Test;

class CaravanServiceTest {

    @Test
    void allSelectsEveryService() {
        assertThat(CaravanService.parse(List.of("all"))).isEqualTo(EnumSet.allOf(CaravanService.class));
    }

    @Test
    void namesAreCaseAndSpaceInsensitive() {
        assertThat(CaravanService.parse(List.of(" Events", "MEDIA "))).containsExactly(CaravanService.EVENTS, CaravanService.MEDIA);
    }

    @Test
    void unknownOrNoServicesAreRefused() {
        assertThatThrownBy(() -> CaravanService.parse(List.of("events", "billing"))).hasMessageContaining("billing");
        assertThatThrownBy(() -> CaravanService.parse(List.of(" "))).hasMessageContaining("no service");
    }

    @Test
    void eachSettingMapsToItsEnvironmentVariable() {
        assertThat(Infrastructure.REDIS.environmentVariable()).isEqualTo("CARAVAN_REDIS_URL");
        assertThat(Infrastructure.MONGODB.environmentVariable()).isEqualTo("CARAVAN_MONGODB_URI");
    }

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(InfrastructureSettings.masked("amqp://user:secret@host:5672/vh")).isEqualTo("amqp://user:******@host:5672/vh");
        assertThat(InfrastructureSettings.masked("redis://host:6379")).isEqualTo("redis://host:6379");
    }
}
