package io.caravan.platform;

import io.caravan.platform.CaravanProperties.QueueType;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place a durable queue is made, so {@code caravan.rabbitmq.queue-type} ({@code classic} or
 * {@code quorum}) applies to every queue the services declare, as the {@code x-queue-type} argument.
 * Local mode's broker (Qpid) logs and ignores the argument: its queues are always classic ones.
 * RabbitMQ refuses to declare an existing queue with another type (PRECONDITION_FAILED): switching an
 * installation's type means deleting the queues first (docs/operations.md).
 */
@Component
public class DurableQueues {

    private final QueueType type;

    @Autowired
    public DurableQueues(CaravanProperties caravan) {
        this(caravan.rabbitmq().queueType());
    }

    DurableQueues(QueueType type) {
        this.type = type;
    }

    /** A durable, non-exclusive queue of the configured type. */
    public Queue named(String name) {
        return QueueBuilder.durable(name).withArgument("x-queue-type", type.argument()).build();
    }
}
