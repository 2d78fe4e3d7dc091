package io.caravan.local;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.caravan.platform.CaravanService;
import io.caravan.platform.CaravanService.Infrastructure;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode: starts the embedded servers named by {@code caravan.embedded.services} (default: all
 * five; {@code none} = external mode) that the selected services need, before the application context is built, points the
 * {@code caravan.*} connection settings at them, and stops them when the context closes (the bean is
 * registered first, so it is destroyed last, after Camel). Lives in test scope: the production jar
 * never carries embedded servers.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    public static final String BEAN_NAME = "caravanEmbeddedServers";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        List<String> names = binder.bind("caravan.embedded.services", Bindable.listOf(String.class))
                .orElse(List.of("redis", "rabbitmq", "postgres", "mongodb", "smtp"));
        Set<Infrastructure> which = EnumSet.noneOf(Infrastructure.class);
        for (String name : names) {
            if (!name.isBlank() && !"none".equalsIgnoreCase(name.trim())) {
                which.add(Infrastructure.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        // only what the selected services need: an events-only process starts Redis alone
        Set<Infrastructure> needed = EnumSet.noneOf(Infrastructure.class);
        Set<CaravanService> selected;
        try {
            selected = CaravanService.selected(binder);
            selected.forEach(service -> needed.addAll(service.needs()));
        } catch (IllegalArgumentException e) {
            return; // a bad caravan.services: InfrastructureSettings reports it against the setting
        }
        which.retainAll(needed);
        // local mode also supplies the identity service's signing key, even when its servers are real
        boolean needsKey = selected.contains(CaravanService.IDENTITY)
                && binder.bind("caravan.identity.jwt.key-file", String.class).map(String::isBlank).orElse(true);
        if (which.isEmpty() && !needsKey) {
            return;
        }
        Path dataDir = binder.bind("caravan.local.data-dir", Path.class).orElse(null);
        EmbeddedServers servers = EmbeddedServers.start(which, dataDir);
        Map<String, Object> properties = new HashMap<>(servers.properties());
        if (needsKey) {
            try {
                properties.put("caravan.identity.jwt.key-file", servers.signingKey().toString());
            } catch (Exception e) {
                servers.close();
                throw new IllegalStateException("cannot make local mode's JWT signing key", e);
            }
        }
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("caravan-embedded-infrastructure", properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, servers);
        // a manually registered singleton is not closed by the context unless registered as disposable
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(BEAN_NAME, servers::close);
    }
}
