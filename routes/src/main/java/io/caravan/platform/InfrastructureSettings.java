package io.caravan.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.caravan.platform.CaravanService.Infrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Checks, before any bean exists, that every piece of infrastructure the selected services need is
 * configured and reachable, and fails the start with a message naming the setting (and its
 * environment variable) when one is missing or wrong. Infrastructure no selected service needs is
 * switched off, so a one-service pod needs only its own settings.
 */
public class InfrastructureSettings implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureSettings.class);

    /** Auto-configurations that would connect to, or demand settings of, each piece of infrastructure. */
    private static final Map<Infrastructure, List<String>> AUTO_CONFIGURATIONS = Map.of(
            Infrastructure.REDIS, List.of(
                    "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
                    "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
                    "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration"),
            Infrastructure.RABBITMQ, List.of(
                    "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration"),
            Infrastructure.POSTGRES, List.of(
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                    "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration"),
            Infrastructure.MONGODB, List.of(
                    "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration"),
            Infrastructure.SMTP, List.of(
                    "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
                    "org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration"));

    @Override
    public int getOrder() {
        // after anything that supplies settings (local mode's embedded infrastructure runs first)
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        Binder binder = Binder.get(env);
        Set<CaravanService> services;
        try {
            services = CaravanService.selected(binder);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("caravan.services",
                    env.getProperty("caravan.services"), e.getMessage() + " (environment variable CARAVAN_SERVICES)");
        }
        EnumSet<Infrastructure> needed = EnumSet.noneOf(Infrastructure.class);
        services.forEach(s -> needed.addAll(s.needs()));

        CaravanProperties settings = binder.bind("caravan", CaravanProperties.class)
                .orElseThrow(() -> new IllegalStateException("no caravan.* configuration"));
        for (Infrastructure infra : needed) {
            String value = settings.location(infra);
            if (value.isEmpty()) {
                throw new InvalidConfigurationPropertyValueException(infra.setting(), value,
                        "it is required by the selected services " + names(services, infra)
                                + "; set the environment variable " + infra.environmentVariable());
            }
            InetSocketAddress address = address(infra, value, settings);
            if (settings.startup().checkReachable()) {
                checkReachable(infra, value, address, settings.startup().connectTimeout());
            }
        }

        Set<String> excluded = new LinkedHashSet<>(binder.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).orElse(List.of()));
        EnumSet.complementOf(needed).forEach(i -> excluded.addAll(AUTO_CONFIGURATIONS.get(i)));
        env.getPropertySources().addFirst(new MapPropertySource("caravan-infrastructure-selection",
                Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
        LOG.info("Services {} use {}", services, needed);
    }

    private static List<String> names(Set<CaravanService> services, Infrastructure infra) {
        List<String> names = new ArrayList<>();
        services.stream().filter(s -> s.needs().contains(infra)).forEach(s -> names.add(s.configName()));
        return names;
    }

    /** Where the setting points to; a value that cannot be parsed is reported against its key. */
    private static InetSocketAddress address(Infrastructure infra, String value, CaravanProperties settings) {
        try {
            return switch (infra) {
                case SMTP -> InetSocketAddress.createUnresolved(value, settings.smtp().port());
                case POSTGRES -> hostAndPort(URI.create(value.substring("jdbc:".length())), 5432);
                case REDIS -> hostAndPort(URI.create(value), 6379);
                case RABBITMQ -> hostAndPort(URI.create(value.split(",")[0]), 5672);
                case MONGODB -> hostAndPort(URI.create(value.split(",")[0].replaceFirst("^mongodb(\\+srv)?://", "mongodb://")), 27017);
            };
        } catch (RuntimeException e) {
            throw new InvalidConfigurationPropertyValueException(infra.setting(), masked(value),
                    "it is not a valid address (" + e.getMessage() + "); set the environment variable " + infra.environmentVariable());
        }
    }

    private static InetSocketAddress hostAndPort(URI uri, int defaultPort) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in '" + uri.getScheme() + "://…'");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
    }

    private static void checkReachable(Infrastructure infra, String value, InetSocketAddress address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(infra.setting(), masked(value),
                    infra.configName() + " is unreachable at " + address.getHostString() + ":" + address.getPort()
                            + " (" + e.getMessage() + "); check the environment variable " + infra.environmentVariable());
        }
    }

    /** Hides the password of a {@code scheme://user:password@host} URL. */
    static String masked(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@/]*@", "$1******@");
    }
}
