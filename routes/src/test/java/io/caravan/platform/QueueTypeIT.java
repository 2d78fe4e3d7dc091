package io.caravan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;

import io.caravan.local.EmbeddedServers;
import io.caravan.platform.CaravanProperties.QueueType;
import io.caravan.platform.CaravanService.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * {@code caravan.rabbitmq.queue-type} on the broker of the run: local mode's embedded Qpid broker (it
 * must accept a quorum declaration: it logs and ignores the argument), or the real RabbitMQ of CI's
 * second pass ({@code CARAVAN_RABBITMQ_URL}), where the queue really is a quorum queue.
 */
class QueueTypeIT {

    private static EmbeddedServers embedded;
    private static CachingConnectionFactory connections;
    private static RabbitAdmin admin;
    private static boolean realRabbitMq;

    @BeforeAll
    static void connect() {
        String url = System.getenv("CARAVAN_RABBITMQ_URL");
        realRabbitMq = url != null && !url.isBlank();
        if (!realRabbitMq) {
            embedded = EmbeddedServers.start(EnumSet.of(Infrastructure.RABBITMQ), null,
                    Path.of(System.getProperty("caravan.embedded.binaries-dir", "target/embedded-binaries")));
            url = (String) embedded.properties().get("caravan.rabbitmq.url");
        }
        connections = new CachingConnectionFactory(URI.create(url));
        admin = new RabbitAdmin(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void aQuorumQueueIsDeclaredAndCarriesMessagesOnTheBrokerOfTheRun() {
        Queue queue = new DurableQueues(QueueType.QUORUM).named("caravan-queue-type-it-" + UUID.randomUUID());
        try {
            admin.declareQueue(queue);
            RabbitTemplate template = new RabbitTemplate(connections);
            template.convertAndSend("", queue.getName(), "persistent hello");
            assertThat(template.receiveAndConvert(queue.getName(), 5_000)).isEqualTo("persistent hello");

            Queue sameNameClassic = new DurableQueues(QueueType.CLASSIC).named(queue.getName());
            if (realRabbitMq) {
                // proof that RabbitMQ made a quorum queue, and what switching an existing queue's type does
                assertThatThrownBy(() -> admin.declareQueue(sameNameClassic)).hasStackTraceContaining("PRECONDITION_FAILED")
                        .hasStackTraceContaining("x-queue-type");
            } else {
                admin.declareQueue(sameNameClassic); // Qpid ignores the argument: its queues are all alike
            }
        } finally {
            admin.deleteQueue(queue.getName());
        }
    }

    @Test
    void aClassicDeclarationAcceptsAQueueMadeWithoutTheArgument() {
        // installations from before the setting: their queues were declared with no x-queue-type at all
        String name = "caravan-queue-type-it-" + UUID.randomUUID();
        try {
            admin.declareQueue(QueueBuilder.durable(name).build());
            admin.declareQueue(new DurableQueues(QueueType.CLASSIC).named(name));
            assertThat(admin.getQueueInfo(name)).isNotNull();
        } finally {
            admin.deleteQueue(name);
        }
    }
}
