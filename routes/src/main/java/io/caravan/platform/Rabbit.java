package io.caravan.platform;

/**
 * RabbitMQ endpoint URIs written once. Exchanges and queues are declared by each service's
 * {@code Declarables} (on every new connection), never by the endpoints.
 */
public final class Rabbit {

    private Rabbit() {
    }

    /**
     * A publish that returns only once the broker confirmed the (persistent) message; a refusal or a
     * lost broker is an {@code AmqpException} in the route. Arguments may be {@code {{placeholders}}}.
     */
    public static String confirmedPublish(String exchange, String routingKey) {
        return "spring-rabbitmq:" + exchange + "?routingKey=" + routingKey + "&autoDeclare=false&confirm=enabled&disableReplyTo=true";
    }

    /**
     * A consumer that acknowledges a message only when its route completed (a consumer that dies
     * mid-work leaves it to the broker), with the listener's own retries off: retries and
     * dead-lettering are Camel's (decision 9). {@code concurrency} consumers, each on a thread of its own
     * (SMLC) and holding one message at a time. The default container (DMLC) runs listeners on the AMQP
     * client's small shared pool, and a prefetch of {@code concurrency} per consumer let the first
     * consumers take several jobs each: 8 conversions ran 2 at a time, and a busy converter process sat
     * on jobs an idle one could have taken.
     */
    public static String consume(String exchange, String queue, int concurrency) {
        return "spring-rabbitmq:" + exchange + "?queues=" + queue + "&autoDeclare=false&acknowledgeMode=AUTO"
                + "&messageListenerContainerType=SMLC&concurrentConsumers=" + concurrency + "&prefetchCount=1&maximumRetryAttempts=1";
    }
}
