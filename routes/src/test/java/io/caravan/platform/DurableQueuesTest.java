package io.caravan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.caravan.platform.CaravanProperties.QueueType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DurableQueuesTest {

    @Test
    void everyQueueIsDurableWithTheConfiguredType() {
        var classic = new DurableQueues(QueueType.CLASSIC).named("video");
        var quorum = new DurableQueues(QueueType.QUORUM).named("video");

        assertThat(classic.isDurable()).isTrue();
        assertThat(classic.isExclusive() || classic.isAutoDelete()).isFalse();
        assertThat(classic.getArguments()).isEqualTo(Map.of("x-queue-type", "classic"));
        assertThat(quorum.getArguments()).isEqualTo(Map.of("x-queue-type", "quorum"));
    }

    @Test
    void theSettingTakesClassicOrQuorumInAnyCaseAndRefusesAnythingElseNamingTheKey() {
        assertThat(bind("quorum")).isEqualTo(QueueType.QUORUM);
        assertThat(bind("QUORUM")).isEqualTo(QueueType.QUORUM);
        assertThat(bind("classic")).isEqualTo(QueueType.CLASSIC);
        assertThatThrownBy(() -> bind("stream")).hasMessageContaining("caravan.rabbitmq.queue-type");
    }

    private static QueueType bind(String value) {
        return new Binder(new MapConfigurationPropertySource(Map.of("caravan.rabbitmq.url", "amqp://h", "caravan.rabbitmq.queue-type", value)))
                .bind("caravan.rabbitmq", CaravanProperties.Rabbitmq.class).get().queueType();
    }
}
