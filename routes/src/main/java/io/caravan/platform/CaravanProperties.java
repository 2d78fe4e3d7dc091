package io.caravan.platform;

import java.time.Duration;
import java.util.List;

import io.caravan.platform.CaravanService.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code caravan.*} settings every service shares: which services run, and where the infrastructure
 * is. Which connections are required depends on the services; {@link InfrastructureSettings} checks
 * that before the context exists. Each service has its own {@code caravan.<service>.*} properties.
 */
@Validated
@ConfigurationProperties("caravan")
public record CaravanProperties(
        @NotEmpty List<String> services,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Rabbitmq rabbitmq,
        @Valid @NotNull Postgres postgres,
        @Valid @NotNull Mongodb mongodb,
        @Valid @NotNull Smtp smtp,
        @Valid @NotNull Startup startup) {

    /** The value of the setting that locates {@code infra}. */
    public String location(Infrastructure infra) {
        String value = switch (infra) {
            case REDIS -> redis.url();
            case RABBITMQ -> rabbitmq.url();
            case POSTGRES -> postgres.url();
            case MONGODB -> mongodb.uri();
            case SMTP -> smtp.host();
        };
        return value == null ? "" : value.trim();
    }

    public record Redis(String url, @NotNull Duration reconnectDelayMax) {
    }

    /** {@code queueType}: the type of every durable queue the services declare ({@link DurableQueues}). */
    public record Rabbitmq(String url, @NotNull QueueType queueType) {
    }

    /** RabbitMQ's queue types Caravan declares (its {@code x-queue-type} argument). */
    public enum QueueType {
        /** One node's queue (RabbitMQ's default); what the embedded broker has. */
        CLASSIC,
        /** Replicated on a majority of a cluster's nodes (Raft): survives the loss of a minority. */
        QUORUM;

        /** The value of the {@code x-queue-type} argument. */
        public String argument() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Postgres(String url, String username, String password) {
    }

    public record Mongodb(String uri) {
    }

    public record Smtp(String host, @Min(1) @Max(65535) int port, String username, String password, @NotBlank String from) {
    }

    public record Startup(boolean checkReachable, @NotNull Duration connectTimeout) {
    }
}
