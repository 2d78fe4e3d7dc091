package io.caravan.platform;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The services Caravan is made of, and the infrastructure each one needs. {@code caravan.services}
 * selects which of them start in this process (default: all), so one image serves every Deployment.
 */
public enum CaravanService {
    EVENTS(Infrastructure.REDIS),
    IDENTITY(Infrastructure.POSTGRES, Infrastructure.RABBITMQ),
    MEDIA(Infrastructure.MONGODB, Infrastructure.RABBITMQ),
    /** The media service's ffmpeg consumer of the video queue, on its own so it can scale (package {@code media}). */
    CONVERTER("media", Infrastructure.MONGODB, Infrastructure.RABBITMQ),
    NOTIFICATION(Infrastructure.RABBITMQ, Infrastructure.SMTP, Infrastructure.POSTGRES),
    CATALOG(Infrastructure.POSTGRES, Infrastructure.REDIS),
    ORDERS(Infrastructure.POSTGRES, Infrastructure.REDIS, Infrastructure.RABBITMQ),
    GATEWAY(Infrastructure.REDIS);

    /** The value of {@code caravan.services} that selects every service. */
    public static final String ALL = "all";

    private final String packageName;
    private final Set<Infrastructure> needs;

    CaravanService(Infrastructure first, Infrastructure... rest) {
        this(null, first, rest);
    }

    CaravanService(String packageName, Infrastructure first, Infrastructure... rest) {
        this.packageName = packageName;
        this.needs = EnumSet.of(first, rest);
    }

    /** The Java package of the service's code: {@code io.caravan.<packageName>}. */
    public String packageName() {
        return packageName != null ? packageName : configName();
    }

    public Set<Infrastructure> needs() {
        return needs;
    }

    /** The name used in configuration, e.g. {@code events}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The services {@code caravan.services} selects in this environment. */
    public static Set<CaravanService> selected(Binder binder) {
        return parse(binder.bind("caravan.services", Bindable.listOf(String.class)).orElse(List.of(ALL)));
    }

    /** Parses the {@code caravan.services} list; unknown names are a configuration error. */
    public static Set<CaravanService> parse(Iterable<String> names) {
        EnumSet<CaravanService> selected = EnumSet.noneOf(CaravanService.class);
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (ALL.equals(name)) {
                return EnumSet.allOf(CaravanService.class);
            }
            try {
                selected.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown service '" + raw.trim() + "'; known: all, "
                        + String.join(", ", EnumSet.allOf(CaravanService.class).stream().map(CaravanService::configName).toList()));
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no service selected");
        }
        return selected;
    }

    /** The infrastructure a Caravan process may connect to, with the setting that locates each. */
    public enum Infrastructure {
        REDIS("caravan.redis.url"),
        RABBITMQ("caravan.rabbitmq.url"),
        POSTGRES("caravan.postgres.url"),
        MONGODB("caravan.mongodb.uri"),
        SMTP("caravan.smtp.host");

        private final String setting;

        Infrastructure(String setting) {
            this.setting = setting;
        }

        /** The configuration key that locates this piece of infrastructure. */
        public String setting() {
            return setting;
        }

        /** The environment variable Spring Boot maps onto {@link #setting()}. */
        public String environmentVariable() {
            return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
